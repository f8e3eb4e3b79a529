//! The window: a bar on top (views, date, playback), the map in the middle, the time bar below.
//! The app owns the state; panels borrow it.

use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use crate::ui::detail_panel;
use crate::ui::event_list::EventList;
use crate::ui::export_window::{ExportWindow, Shown};
use crate::ui::map_view::MapView;
use crate::ui::presentation::{Presentation, StepUnit};
use crate::ui::screenshot;
use crate::ui::time_bar::TimeBar;
use crate::ui::time_controls::TimeControls;
use crate::ui::tour_panel::TourPanel;
use crate::view_state::ViewState;
use chrono::NaiveDate;
use eframe::egui;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// How the window opens, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    pub day: Option<NaiveDate>,
    /// A lon/lat box [west, south, east, north] to show.
    pub view: Option<crate::chronicle::GeoBox>,
    /// Index into `Chronicle::events`.
    pub select: Option<usize>,
    /// Save one screenshot here and close.
    pub screenshot: Option<PathBuf>,
    pub window_size: (u32, u32),
    /// Open in presentation mode, in the dark theme when `dark`.
    pub present: bool,
    pub dark: bool,
    /// When the process started; with `CHRONOATLAS_TIMING` set, the time to the first drawn
    /// map is printed on stderr.
    pub started: Option<std::time::Instant>,
}

mod capture;
mod keys;
mod present;

use capture::ScreenshotResult;

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
    /// Side panels can be hidden to give the map the whole width.
    pub show_list: bool,
    pub show_details: bool,
    /// Frames drawn so far; a command-line screenshot waits for the layout to settle.
    frames: u64,
    /// The command-line screenshot, if any, and whether it has been asked for.
    exit_screenshot: Option<(PathBuf, bool)>,
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
}

impl ChronoatlasApp {
    pub fn new(chronicle: Chronicle, file_name: String) -> ChronoatlasApp {
        let timeline = Timeline::new(&chronicle);
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
            show_list: true,
            show_details: true,
            frames: 0,
            exit_screenshot: None,
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
        }
    }

    /// Applies the command line's day, view, selection and screenshot.
    pub fn with_startup(mut self, startup: &Startup) -> ChronoatlasApp {
        if let Some(event) = startup.select {
            self.state.select(&self.chronicle, event);
        }
        if let Some(day) = startup.day {
            self.state.day = day;
        }
        if let Some(bbox) = startup.view {
            self.map.fit(bbox);
        }
        self.exit_screenshot = startup.screenshot.clone().map(|p| (p, false));
        self.presentation.dark = startup.dark;
        self.pending_present = startup.present;
        self.started = startup
            .started
            .filter(|_| std::env::var_os("CHRONOATLAS_TIMING").is_some());
        self
    }

    /// Selects an event from a list or the time bar: moves to its day, and brings its place
    /// into view (always, when `centre`).
    pub fn choose(&mut self, event: usize, centre: bool) {
        self.state.select(&self.chronicle, event);
        if let Some(place) = self.chronicle.events.get(event).and_then(|e| e.places.first()).cloned() {
            self.map.show_place(&self.chronicle, &place, centre);
        }
    }

    fn apply_detail_action(&mut self, action: detail_panel::DetailAction) {
        if let Some(event) = action.select {
            self.choose(event, false);
        }
        let Some(selected) = self.state.selected else { return };
        if action.go_to_date {
            self.state.day = self.chronicle.events[selected].date.first_day();
        }
        if action.show_on_map {
            self.choose(selected, true);
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.strong(&self.chronicle.metadata.title);
            ui.weak(format!("· {}", self.file_name));
            ui.separator();
            ui.toggle_value(&mut self.show_list, "Events");
            ui.toggle_value(&mut self.show_details, "Details");
            if ui.button("Present (F5)").clicked() {
                self.start_presenting(ui.ctx());
            }
            if ui.button("Tour").clicked() {
                self.open_tour();
            }
            egui::ComboBox::from_label("Clicker step")
                .selected_text(self.presentation.unit.name())
                .show_ui(ui, |ui| {
                    for unit in StepUnit::ALL {
                        ui.selectable_value(&mut self.presentation.unit, unit, unit.name());
                    }
                });
            ui.checkbox(&mut self.presentation.dark, "Dark projector theme");
            let mut zoom = ui.ctx().zoom_factor();
            egui::ComboBox::from_label("Text size")
                .selected_text(format!("{:.0}%", zoom * 100.0))
                .show_ui(ui, |ui| {
                    for z in [1.0, 1.25, 1.5, 2.0, 2.5] {
                        ui.selectable_value(&mut zoom, z, format!("{:.0}%", z * 100.0));
                    }
                });
            if zoom != ui.ctx().zoom_factor() {
                // Everything grows: panels, labels, captions and the map's type.
                ui.ctx().set_zoom_factor(zoom);
            }
            if ui.button("Export…").clicked() {
                self.export_window.open = true;
            }
            if ui.button("Screenshot (F12)").clicked() {
                self.take_screenshot(ui.ctx());
            }
            ui.menu_button("Views", |ui| {
                for view in &self.chronicle.views {
                    if ui.button(&view.name).clicked() {
                        self.map.fit(view.bbox);
                        ui.close();
                    }
                }
                ui.separator();
                if ui.button("Fit all (0)").clicked() {
                    self.map.fit_home();
                    ui.close();
                }
            });
        });
    }
}

impl eframe::App for ChronoatlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        if std::mem::take(&mut self.pending_present) {
            self.start_presenting(&ctx);
        }
        let dt = ctx.input(|i| i.stable_dt) as f64;
        if self.state.advance(dt) || self.state.playback.playing {
            ctx.request_repaint();
        }
        if self.presentation.active {
            self.presentation_ui(ui);
            self.after_frame(ui, &ctx);
            return;
        }
        self.handle_keys(&ctx);
        egui::Panel::top("title").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("time").show(ui, |ui| {
            ui.add_space(4.0);
            self.time_controls
                .show(ui, &self.chronicle, &self.timeline, &mut self.state, &mut self.time_bar);
            let style = self.map.style.clone();
            if let Some(event) = self
                .time_bar
                .show(ui, &self.chronicle, &self.timeline, &mut self.state, &style)
            {
                self.choose(event, false);
            }
            ui.add_space(2.0);
        });
        if self.show_list {
            egui::Panel::left("events")
                .resizable(true)
                .default_size(320.0)
                .show(ui, |ui| {
                    let style = self.map.style.clone();
                    let map = &mut self.map;
                    let chronicle = &self.chronicle;
                    let in_view = |i: usize| {
                        chronicle.events[i]
                            .places
                            .first()
                            .and_then(|p| chronicle.place(p))
                            .is_some_and(|p| map.is_visible_cached(p.lon, p.lat))
                    };
                    let choice =
                        self.event_list
                            .show(ui, &self.chronicle, &self.timeline, &mut self.state, &style, &in_view);
                    if let Some(event) = choice.event {
                        self.choose(event, false);
                    }
                    if let Some(place) = choice.place.and_then(|p| self.chronicle.places.get(p)) {
                        let id = place.id.clone();
                        self.map.show_place(&self.chronicle, &id, true);
                    }
                });
        }
        if self.show_details {
            egui::Panel::right("details")
                .resizable(true)
                .default_size(420.0)
                .show(ui, |ui| {
                    let style = self.map.style.clone();
                    let action = detail_panel::show(ui, &self.chronicle, &self.timeline, &self.state, &style);
                    self.apply_detail_action(action);
                });
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let response = self.map.show(ui, &self.chronicle, &self.timeline, &mut self.state);
            if let Some(event) = response.clicked_event {
                self.state.select(&self.chronicle, event);
            }
        });
        self.tour_window(&ctx);
        if self.export_window.open {
            let projection = self.map.layers().projection();
            let shown = Shown {
                chronicle: &self.chronicle,
                state: &self.state,
                camera: self.map.camera().copied(),
                projection,
                overlays: self.map.overlays,
                style: &self.map.style,
            };
            self.export_window.show(&ctx, &shown);
        }
        self.after_frame(ui, &ctx);
    }
}

impl ChronoatlasApp {
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
                self.request_screenshot(ctx, path, true);
            }
            ctx.request_repaint();
        }
    }
}

/// Opens the window on a chronicle; returns when the window closes, with the exit code (2 when a
/// command-line screenshot could not be written).
pub fn run(chronicle: Chronicle, file_name: String, startup: Startup) -> eframe::Result<ExitCode> {
    let (w, h) = startup.window_size;
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("chronoatlas — {}", chronicle.metadata.title))
            .with_inner_size([w as f32, h as f32]),
        ..Default::default()
    };
    let wants_screenshot = startup.screenshot.is_some();
    let outcome: ScreenshotResult = Arc::new(Mutex::new(None));
    let outcome_in_app = outcome.clone();
    eframe::run_native(
        "chronoatlas",
        options,
        Box::new(move |cc| {
            // +/− zoom the map, not the whole interface.
            cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
            let mut app = ChronoatlasApp::new(chronicle, file_name).with_startup(&startup);
            app.screenshot_result = outcome_in_app;
            Ok(Box::new(app))
        }),
    )?;
    if !wants_screenshot {
        return Ok(ExitCode::SUCCESS);
    }
    match outcome.lock().ok().and_then(|r| r.clone()) {
        Some(Ok(path)) => {
            println!("{}", path.display());
            Ok(ExitCode::SUCCESS)
        }
        Some(Err(message)) => {
            eprintln!("chronoatlas: {message}");
            Ok(ExitCode::from(2))
        }
        None => {
            eprintln!("chronoatlas: the window closed before the screenshot was taken");
            Ok(ExitCode::from(2))
        }
    }
}
