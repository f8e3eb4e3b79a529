//! The window: a bar on top (views, date, playback), the map in the middle, the time bar below.
//! The app owns the state and runs commands; each panel (in `ui`) draws itself from borrowed
//! state and says what the user asked for.

use crate::atomic_file::OnExisting;
use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use crate::ui::commands::Mode;
use crate::ui::detail_panel;
use crate::ui::event_list::EventList;
use crate::ui::export_window::ExportWindow;
use crate::ui::map_view::MapView;
use crate::ui::presentation::{self, Presentation};
use crate::ui::screenshot;
use crate::ui::time_bar::TimeBar;
use crate::ui::time_controls::TimeControls;
use crate::ui::top_bar::{SidePanels, TopBarAction};
use crate::ui::tour_panel::TourPanel;
use crate::view_state::ViewState;
use eframe::egui;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

mod capture;
pub mod console;
mod desk;
mod files;
mod keys;
mod launch;
mod present;
mod settings;
mod watch;

use capture::ScreenshotResult;
pub use files::{FilePurpose, RECENT_LIMIT, is_tour_file};
pub use launch::{Startup, native_options, run};
pub use settings::{SETTINGS_KEY, Settings};

/// Owns the loaded chronicle and everything derived from it.
pub struct ChronoatlasApp {
    pub chronicle: Chronicle,
    /// Shown in the window so the user knows which file is open.
    file_name: String,
    pub timeline: Timeline,
    pub map: MapView,
    pub state: ViewState,
    pub time_bar: TimeBar,
    time_controls: TimeControls,
    pub event_list: EventList,
    pub panels: SidePanels,
    /// Frames drawn so far; a command-line screenshot waits for the layout to settle.
    frames: u64,
    /// The command-line screenshot, if any, and whether it has been asked for.
    exit_screenshot: Option<(PathBuf, bool)>,
    /// Whether the command-line screenshot may replace a file.
    exit_screenshot_existing: OnExisting,
    /// The last screenshot's outcome, shown as a notice (F12) or reported at exit.
    screenshot_result: ScreenshotResult,
    pub screenshot_folder: PathBuf,
    /// A message shown briefly at the bottom of the map, with the time it appeared.
    notice: Option<(String, f64)>,
    pub presentation: Presentation,
    /// The open tour, the stop last shown, and its editor.
    pub tour: Option<crate::tour::Tour>,
    pub current_stop: Option<usize>,
    tour_panel: TourPanel,
    pub show_tour: bool,
    /// Enter presentation mode on the first frame (needs the context).
    pending_present: bool,
    pub export_window: ExportWindow,
    started: Option<std::time::Instant>,
    /// The chronicle's file (absolute), when it was opened from one; remembered for next time.
    chronicle_file: Option<PathBuf>,
    /// The settings as last remembered, for what cannot be read from the app at the moment.
    remembered: Settings,
    /// For the text size when settings are saved (eframe's `save` gets no context).
    egui_ctx: Option<egui::Context>,
    /// The first-start hint naming the keys, until the first key press or click (remembered).
    pub hint: bool,
    /// The chronicle's problems, listed over the map until closed.
    pub problems: crate::ui::problems::Problems,
    /// F12 at the desk saves the whole window rather than the map alone (remembered).
    pub screenshot_whole_window: bool,
    /// The presenter console while presenting with it (Alt+F5, `--presenter`).
    console: Option<console::PresenterConsole>,
    /// The command line's picture of the console (`--presenter-screenshot`), and its outcome.
    console_screenshot: Option<PathBuf>,
    console_screenshot_result: ScreenshotResult,
    /// Chronicles and tours opened lately, newest first (absolute; remembered).
    pub recent_files: Vec<PathBuf>,
    pub recent_tours: Vec<PathBuf>,
    /// The tour's edits, to undo and redo.
    tour_history: crate::tour::history::History<crate::tour::Tour>,
    /// A file dialog under way on its own thread.
    dialog: Option<files::PendingDialog>,
    /// The chronicle's file, watched for changes.
    watch: Option<watch::FileWatch>,
    /// The files of the layers beneath it, watched for changes.
    layer_watches: watch::LayerWatches,
}

impl ChronoatlasApp {
    pub fn new(chronicle: Chronicle, file_name: String) -> ChronoatlasApp {
        ChronoatlasApp::with_timeline(chronicle, None, file_name)
    }

    /// [`Self::new`] with the chronicle's timeline, when it was built already (while the
    /// chronicle was checked, before the window opened); one of other events is built again.
    pub fn with_timeline(chronicle: Chronicle, timeline: Option<Timeline>, file_name: String) -> ChronoatlasApp {
        let timeline = match timeline {
            Some(timeline) if timeline.len() == chronicle.events.len() => timeline,
            _ => Timeline::new(&chronicle),
        };
        let map = MapView::new(&chronicle);
        let state = ViewState::new(&chronicle, &timeline);
        ChronoatlasApp {
            chronicle,
            file_name,
            timeline,
            map,
            state,
            time_bar: TimeBar::default(),
            time_controls: TimeControls::default(),
            event_list: EventList::default(),
            panels: SidePanels::default(),
            frames: 0,
            exit_screenshot: None,
            exit_screenshot_existing: OnExisting::Refuse,
            screenshot_result: Arc::new(Mutex::new(None)),
            screenshot_folder: screenshot::default_folder(),
            notice: None,
            presentation: Presentation::default(),
            tour: None,
            current_stop: None,
            tour_panel: TourPanel::default(),
            show_tour: false,
            pending_present: false,
            export_window: ExportWindow::default(),
            started: None,
            chronicle_file: None,
            remembered: Settings::default(),
            egui_ctx: None,
            hint: true,
            problems: Default::default(),
            screenshot_whole_window: false,
            console: None,
            console_screenshot: None,
            console_screenshot_result: Arc::new(Mutex::new(None)),
            recent_files: Vec::new(),
            recent_tours: Vec::new(),
            tour_history: Default::default(),
            dialog: None,
            watch: None,
            layer_watches: Default::default(),
        }
    }

    /// Selects an event from a list or the time bar: moves to its day, and brings its place
    /// into view (always, when `centre`).
    pub fn choose(&mut self, event: usize, centre: bool) {
        self.map.selected_context = None;
        self.state.select(&self.chronicle, event);
        if let Some(place) = self.chronicle.events.get(event).and_then(|e| e.places.first()).cloned() {
            self.map.show_place(&self.chronicle, &place, centre);
        }
    }

    fn apply_detail_action(&mut self, action: detail_panel::DetailAction) {
        if let Some(event) = action.select {
            self.choose(event, false);
        }
        let Some(selected) = self.state.selected() else { return };
        if action.go_to_date {
            self.state.go_to(self.chronicle.events[selected].date.first_day());
        }
        if action.show_on_map {
            self.choose(selected, true);
        }
    }

    fn apply_top_bar_action(&mut self, action: TopBarAction, ctx: &egui::Context) {
        match action {
            TopBarAction::Run(command) => self.run_command(command, ctx),
            TopBarAction::OpenTour => self.open_tour(),
            TopBarAction::OpenExport => self.export_window.open = true,
            TopBarAction::FitView(bbox) => self.map.fit(bbox),
        }
    }
}

impl eframe::App for ChronoatlasApp {
    /// Nothing of a `--screenshot` run is remembered (see [`native_options`]).
    fn persist_egui_memory(&self) -> bool {
        self.exit_screenshot.is_none()
    }

    /// Remembers the settings (see [`Settings`]); a `--screenshot` run writes none.
    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.save_settings(storage);
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        crate::ui::fonts::install(&ctx);
        if std::mem::take(&mut self.pending_present) {
            self.start_presenting(&ctx);
        }
        self.dismiss_hint(&ctx);
        self.poll_files(&ctx);
        let dt = ctx.input(|i| i.stable_dt) as f64;
        if self.state.advance(dt) || self.state.playback().playing {
            ctx.request_repaint();
        }
        if self.presentation.active {
            self.apply_console_requests(&ctx);
            self.handle_keys(&ctx, Mode::Presenting);
            self.update_overlays();
            let clicked = presentation::show(
                ui,
                &self.presentation,
                &mut self.map,
                &self.chronicle,
                &self.timeline,
                &mut self.state,
            );
            if let Some(event) = clicked.clicked_event {
                self.map.selected_context = None;
                self.state.select(&self.chronicle, event);
            }
            if let Some(clicked) = clicked.clicked_context {
                self.select_layer_event(clicked);
            }
            self.show_console(&ctx);
        } else {
            self.handle_keys(&ctx, Mode::Desk);
            self.update_overlays();
            self.desk(ui, &ctx);
            crate::ui::problems::show(&ctx, &mut self.problems);
            self.show_hint(&ctx);
        }
        self.after_frame(ui, &ctx);
    }
}

impl ChronoatlasApp {
    /// The hint goes with the first key press or click: whoever has used a key needs it no more.
    fn dismiss_hint(&mut self, ctx: &egui::Context) {
        let used = ctx.input(|i| {
            i.events.iter().any(|e| {
                matches!(
                    e,
                    egui::Event::Key { pressed: true, .. } | egui::Event::PointerButton { pressed: true, .. }
                )
            })
        });
        if used && self.hint {
            self.hint = false;
            // Seen once, never again: the next run starts without it.
            self.remembered.hint_seen = true;
        }
    }

    /// The first-start hint, low over the map, out of the way of clicks.
    fn show_hint(&self, ctx: &egui::Context) {
        if !self.hint {
            return;
        }
        egui::Area::new(egui::Id::unique("first-start-hint"))
            .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -140.0))
            .interactable(false)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style()).show(ui, |ui| {
                    ui.label(egui::RichText::new(crate::ui::commands::first_start_hint()).size(16.0));
                });
            });
    }

    /// Notices and the command line's screenshot, after everything is drawn.
    fn after_frame(&mut self, ui: &egui::Ui, ctx: &egui::Context) {
        self.show_notice(ui);
        self.frames += 1;
        if let Some(started) = self.started.take() {
            eprintln!(
                "chronoatlas: first frame built {} ms after start",
                started.elapsed().as_millis()
            );
        }
        if let Some((path, asked)) = &mut self.exit_screenshot {
            // A few frames first, so fonts, layout and the map have settled.
            if !*asked && self.frames >= 4 {
                *asked = true;
                let path = path.clone();
                self.request_screenshot(ctx, path, true, None);
            }
            ctx.request_repaint();
        }
        self.close_after_both_screenshots(ctx);
    }
}
