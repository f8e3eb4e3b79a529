//! The window: a bar on top (views, date, playback), the map in the middle, the time bar below.
//! The app owns the state; panels borrow it.

use crate::chronicle::Chronicle;
use crate::timeline::Timeline;
use crate::ui::detail_panel;
use crate::ui::event_list::EventList;
use crate::ui::map_view::MapView;
use crate::ui::screenshot;
use crate::ui::time_bar::TimeBar;
use crate::ui::time_controls::TimeControls;
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
    pub view: Option<[f64; 4]>,
    /// Index into `Chronicle::events`.
    pub select: Option<usize>,
    /// Save one screenshot here and close.
    pub screenshot: Option<PathBuf>,
    pub window_size: (u32, u32),
}

/// Where a requested screenshot ended up, filled in by egui's callback.
type ScreenshotResult = Arc<Mutex<Option<Result<PathBuf, String>>>>;

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
    /// Multiplies the size of the panels' text (large rooms).
    pub text_scale: f32,
    /// Frames drawn so far; a command-line screenshot waits for the layout to settle.
    frames: u64,
    /// The command-line screenshot, if any, and whether it has been asked for.
    exit_screenshot: Option<(PathBuf, bool)>,
    /// The last screenshot's outcome, shown as a notice (F12) or reported at exit.
    screenshot_result: ScreenshotResult,
    pub screenshot_folder: PathBuf,
    /// A message shown briefly at the bottom of the map, with the time it appeared.
    notice: Option<(String, f64)>,
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
            text_scale: 1.0,
            frames: 0,
            exit_screenshot: None,
            screenshot_result: Arc::new(Mutex::new(None)),
            screenshot_folder: screenshot::default_folder(),
            notice: None,
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
        self
    }

    /// The screenshot outcome to report when the window closes.
    pub fn screenshot_outcome(&self) -> Option<Result<PathBuf, String>> {
        self.screenshot_result.lock().ok().and_then(|r| r.clone())
    }

    /// A file name that says what the picture shows: the day and the selected event.
    fn screenshot_stem(&self) -> String {
        let event = self
            .state
            .selected
            .and_then(|i| self.chronicle.events.get(i))
            .map(|e| format!("-{}", e.id))
            .unwrap_or_default();
        format!("chronoatlas-{}{event}", self.state.day.format("%Y-%m-%d"))
    }

    /// Asks egui for a screenshot saved at `path`; `close` ends the app once it is written.
    fn request_screenshot(&self, ctx: &egui::Context, path: PathBuf, close: bool) {
        let result = self.screenshot_result.clone();
        let ctx2 = ctx.clone();
        ctx.request_screenshot(move |image| {
            let outcome = screenshot::save_png(&path, &image)
                .map(|()| path.clone())
                .map_err(|e| format!("{}: cannot write the screenshot: {e}", path.display()));
            if let Ok(mut slot) = result.lock() {
                *slot = Some(outcome);
            }
            if close {
                ctx2.send_viewport_cmd(egui::ViewportCommand::Close);
            }
            ctx2.request_repaint();
        });
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

    /// Keys that move time; presenter clickers send PageUp/PageDown.
    fn handle_keys(&mut self, ctx: &egui::Context) {
        if ctx.egui_wants_keyboard_input() {
            return;
        }
        use egui::{Key, Modifiers};
        let timeline = &self.timeline;
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
                state.next_event(timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::PageUp) {
                state.previous_event(timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::Home) {
                state.first_event(timeline);
            }
            if i.consume_key(Modifiers::NONE, Key::End) {
                state.last_event(timeline);
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
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::F12)) {
            self.take_screenshot(ctx);
        }
    }

    /// F12: saves the window as shown into the screenshot folder, never over an existing file.
    pub fn take_screenshot(&mut self, ctx: &egui::Context) {
        let path = screenshot::unique_path(&self.screenshot_folder, &self.screenshot_stem());
        self.request_screenshot(ctx, path, false);
    }

    /// Shows the outcome of the last F12 screenshot once it is known.
    fn show_notice(&mut self, ui: &egui::Ui) {
        let now = ui.input(|i| i.time);
        if self.exit_screenshot.is_none()
            && let Some(outcome) = self.screenshot_result.lock().ok().and_then(|mut r| r.take())
        {
            let text = match outcome {
                Ok(path) => format!("Screenshot saved: {}", path.display()),
                Err(message) => message,
            };
            self.notice = Some((text, now));
        }
        if let Some((text, since)) = &self.notice {
            if now - since > 6.0 {
                self.notice = None;
            } else {
                egui::Area::new(egui::Id::unique("notice"))
                    .anchor(egui::Align2::CENTER_BOTTOM, egui::vec2(0.0, -90.0))
                    .show(ui.ctx(), |ui| {
                        egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(text));
                    });
                ui.ctx().request_repaint_after(std::time::Duration::from_millis(500));
            }
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.strong(&self.chronicle.metadata.title);
            ui.weak(format!("· {}", self.file_name));
            ui.separator();
            ui.toggle_value(&mut self.show_list, "Events");
            ui.toggle_value(&mut self.show_details, "Details");
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
        self.handle_keys(&ctx);
        let dt = ctx.input(|i| i.stable_dt) as f64;
        if self.state.advance(dt) || self.state.playback.playing {
            ctx.request_repaint();
        }
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
                    let action = detail_panel::show(
                        ui,
                        &self.chronicle,
                        &self.timeline,
                        &self.state,
                        &style,
                        self.text_scale,
                    );
                    self.apply_detail_action(action);
                });
        }
        egui::CentralPanel::default().frame(egui::Frame::NONE).show(ui, |ui| {
            let response = self.map.show(ui, &self.chronicle, &self.timeline, &mut self.state);
            if let Some(event) = response.clicked_event {
                self.state.select(&self.chronicle, event);
            }
        });
        self.show_notice(ui);
        self.frames += 1;
        if let Some((path, asked)) = &mut self.exit_screenshot {
            // A few frames first, so fonts, layout and the map have settled.
            if !*asked && self.frames >= 4 {
                *asked = true;
                let path = path.clone();
                self.request_screenshot(&ctx, path, true);
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
