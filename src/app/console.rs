//! The presenter console's window: a second egui viewport beside the projected map. It is a
//! deferred viewport, so it paints (and takes its own screenshot) on its own; it shares a
//! snapshot of the app's state and a queue of requests with the app through a mutex. Keys
//! pressed in either window run through the same commands: the console queues them and the app
//! runs them, as it runs its own.
//!
//! egui knows no list of monitors. A very wide screen (two monitors side by side, or a wide
//! virtual screen) is taken as two: the map fills the right half and the console the left.
//! Otherwise both are ordinary windows, the map no longer full screen, so the console can be
//! seen beside it.

use super::ChronoatlasApp;
use super::capture::ScreenshotResult;
use crate::atomic_file::OnExisting;
use crate::chronicle::Chronicle;
use crate::scene::Style;
use crate::timeline::Timeline;
use crate::tour::Tour;
use crate::ui::commands::{Command, Mode};
use crate::ui::console::{self, ConsoleMemory, ConsoleRequest, Shown};
use crate::ui::screenshot;
use crate::view_state::ViewState;
use eframe::egui::{self, ViewportBuilder, ViewportClass, ViewportCommand, ViewportId};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError};

/// A screen at least this much wider than high is taken for two screens side by side.
pub const TWO_SCREENS_ASPECT: f32 = 2.5;
/// The console's size as an ordinary window.
const CONSOLE_SIZE: [f32; 2] = [1100.0, 760.0];
/// Frames the console draws before its scripted screenshot, so its panels have settled.
const SCREENSHOT_AFTER_FRAMES: u64 = 5;
/// Frames of the map's window to wait for the console's picture before giving up.
const SCREENSHOT_PATIENCE_FRAMES: u64 = 2000;

/// The console's viewport.
pub fn console_viewport_id() -> ViewportId {
    ViewportId::from_hash_of("chronoatlas-presenter-console")
}

/// The app's state as the console shows it, copied each frame the app draws.
#[derive(Clone, PartialEq)]
pub struct Snapshot {
    pub state: ViewState,
    pub tour: Option<Tour>,
    pub current_stop: Option<usize>,
    pub tour_playing: bool,
    pub blacked: bool,
    pub style: Style,
    pub view_bbox: Option<[f64; 4]>,
}

/// What the two windows share.
pub struct ConsoleShared {
    chronicle: Arc<Chronicle>,
    timeline: Arc<Timeline>,
    pub snapshot: Snapshot,
    pub memory: ConsoleMemory,
    /// What the console asked for, run by the app in its next frame.
    pub requests: Vec<ConsoleRequest>,
    /// The console's window was closed by the user: presenting goes on without it.
    pub close_requested: bool,
    /// Frames the console has drawn.
    pub frames: u64,
    screenshot: Option<ConsoleScreenshot>,
}

/// The command line's picture of the console.
struct ConsoleScreenshot {
    path: PathBuf,
    on_existing: OnExisting,
    asked: bool,
    outcome: ScreenshotResult,
}

pub type SharedConsole = Arc<Mutex<ConsoleShared>>;

/// The console while presenting.
pub struct PresenterConsole {
    pub shared: SharedConsole,
    /// Whether its window is open (Alt+F5 closes and opens it again, keeping its clocks).
    pub shown: bool,
    builder: ViewportBuilder,
    /// Where the map's window was (outer position, inner size) before it took half of a wide
    /// screen, to go back to when presenting ends.
    restore: Option<(egui::Pos2, egui::Vec2)>,
    /// Frames of the map's window since its own scripted screenshot was written.
    waited: u64,
}

fn lock(shared: &SharedConsole) -> std::sync::MutexGuard<'_, ConsoleShared> {
    shared.lock().unwrap_or_else(PoisonError::into_inner)
}

fn builder() -> ViewportBuilder {
    ViewportBuilder::default().with_title("chronoatlas — presenter console")
}

/// The console's window for one frame: its keys (when it is a window of its own), its panels,
/// and its scripted screenshot. This is the whole of what the console's viewport runs.
pub fn console_ui(ui: &mut egui::Ui, shared: &SharedConsole, class: ViewportClass) {
    let mut guard = lock(shared);
    let shared = &mut *guard;
    let ctx = ui.ctx().clone();
    // Embedded in the map's window (a backend without windows of its own, or a test), the map's
    // window reads the keys; in a window of its own the console reads them.
    let own_window = matches!(class, ViewportClass::Deferred | ViewportClass::Immediate);
    if own_window {
        if ctx.input(|i| i.viewport().close_requested()) {
            shared.close_requested = true;
        }
        if !ctx.egui_wants_keyboard_input() {
            let commands = ctx.input_mut(|i| Command::consume_pressed(i, Mode::Presenting));
            shared.requests.extend(commands.into_iter().map(ConsoleRequest::Run));
        }
    }
    let ConsoleShared {
        chronicle,
        timeline,
        snapshot,
        memory,
        requests,
        ..
    } = shared;
    let shown = Shown {
        chronicle,
        timeline,
        state: &snapshot.state,
        tour: snapshot.tour.as_ref(),
        current_stop: snapshot.current_stop,
        tour_playing: snapshot.tour_playing,
        blacked: snapshot.blacked,
        style: &snapshot.style,
        view_bbox: snapshot.view_bbox,
    };
    requests.extend(console::show(ui, &shown, memory));
    if !shared.requests.is_empty() || shared.close_requested {
        ctx.request_repaint_of(ViewportId::ROOT);
    }
    shared.frames += 1;
    let frames = shared.frames;
    if let Some(shot) = &mut shared.screenshot
        && !shot.asked
    {
        ctx.request_repaint();
        if frames >= SCREENSHOT_AFTER_FRAMES {
            shot.asked = true;
            request_console_screenshot(&ctx, shot);
        }
    }
}

fn request_console_screenshot(ctx: &egui::Context, shot: &ConsoleScreenshot) {
    let (path, on_existing, outcome) = (shot.path.clone(), shot.on_existing, shot.outcome.clone());
    let ctx2 = ctx.clone();
    ctx.request_screenshot(move |image| {
        let written = screenshot::save_png(&path, &image, on_existing)
            .map(|()| path.clone())
            .map_err(|e| {
                let hint = if e.kind() == std::io::ErrorKind::AlreadyExists {
                    " (give --overwrite to replace it)"
                } else {
                    ""
                };
                format!(
                    "{}: cannot write the presenter console's screenshot: {e}{hint}",
                    path.display()
                )
            });
        if let Ok(mut slot) = outcome.lock() {
            *slot = Some(written);
        }
        ctx2.request_repaint_of(ViewportId::ROOT);
    });
}

impl ChronoatlasApp {
    /// The console's shared state while it exists (for tests that drive its window).
    pub fn presenter_console(&self) -> Option<&PresenterConsole> {
        self.console.as_ref()
    }

    /// Whether the console's window is open.
    pub fn console_open(&self) -> bool {
        self.console.as_ref().is_some_and(|c| c.shown)
    }

    /// Alt+F5: at the desk, presents with the console; while presenting, closes the console's
    /// window or opens it again.
    pub fn toggle_presenter_console(&mut self, ctx: &egui::Context) {
        if !self.presentation.active {
            self.open_console();
            self.start_presenting(ctx);
            return;
        }
        if let Some(console) = &mut self.console
            && console.shown
        {
            console.shown = false;
            return;
        }
        self.open_console();
        self.place_windows(ctx);
    }

    /// Opens the console's window, made on first use.
    pub(super) fn open_console(&mut self) {
        if let Some(console) = &mut self.console {
            console.shown = true;
            lock(&console.shared).close_requested = false;
            return;
        }
        let snapshot = self.console_snapshot();
        let shared = ConsoleShared {
            chronicle: Arc::new(self.chronicle.clone()),
            timeline: Arc::new(Timeline::new(&self.chronicle)),
            snapshot,
            memory: ConsoleMemory::default(),
            requests: Vec::new(),
            close_requested: false,
            frames: 0,
            screenshot: None,
        };
        self.console = Some(PresenterConsole {
            shared: Arc::new(Mutex::new(shared)),
            shown: true,
            builder: builder().with_inner_size(CONSOLE_SIZE),
            restore: None,
            waited: 0,
        });
    }

    /// Places the two windows: on a very wide screen the map takes the right half and the
    /// console the left; otherwise both are ordinary windows (the map leaves full screen).
    pub(super) fn place_windows(&mut self, ctx: &egui::Context) {
        let (monitor, outer, inner) = ctx.input(|i| {
            let v = i.viewport();
            (v.monitor_size, v.outer_rect, v.inner_rect)
        });
        let Some(console) = &mut self.console else { return };
        ctx.send_viewport_cmd(ViewportCommand::Fullscreen(false));
        match monitor.filter(|m| m.y > 0.0 && m.x / m.y >= TWO_SCREENS_ASPECT) {
            Some(m) => {
                let half = (m.x / 2.0).floor();
                if console.restore.is_none()
                    && let (Some(outer), Some(inner)) = (outer, inner)
                {
                    console.restore = Some((outer.min, inner.size()));
                }
                ctx.send_viewport_cmd(ViewportCommand::Decorations(false));
                ctx.send_viewport_cmd(ViewportCommand::OuterPosition(egui::pos2(half, 0.0)));
                ctx.send_viewport_cmd(ViewportCommand::InnerSize(egui::vec2(m.x - half, m.y)));
                console.builder = builder()
                    .with_position([0.0, 0.0])
                    .with_inner_size([half, m.y])
                    .with_decorations(false);
            }
            None => console.builder = builder().with_inner_size(CONSOLE_SIZE),
        }
    }

    /// Esc: the console closes with presenting, and the map's window goes back to where it was.
    pub(super) fn close_console(&mut self, ctx: &egui::Context) {
        let Some(console) = self.console.take() else { return };
        if let Some((position, size)) = console.restore {
            ctx.send_viewport_cmd(ViewportCommand::Decorations(true));
            ctx.send_viewport_cmd(ViewportCommand::OuterPosition(position));
            ctx.send_viewport_cmd(ViewportCommand::InnerSize(size));
        }
    }

    fn console_snapshot(&mut self) -> Snapshot {
        Snapshot {
            state: self.state.clone(),
            tour: self.tour.clone(),
            current_stop: self.current_stop,
            tour_playing: self.presentation.tour_playing,
            blacked: self.presentation.blacked,
            style: self.map.style.clone(),
            view_bbox: self.map.visible_lonlat_bbox(),
        }
    }

    /// Runs what the console asked for, as the map's own keys are run.
    pub(super) fn apply_console_requests(&mut self, ctx: &egui::Context) {
        let Some(console) = &mut self.console else { return };
        let (requests, closed) = {
            let mut shared = lock(&console.shared);
            (
                std::mem::take(&mut shared.requests),
                std::mem::take(&mut shared.close_requested),
            )
        };
        if closed {
            console.shown = false;
        }
        for request in requests {
            match request {
                ConsoleRequest::Run(command) => self.run_command(command, ctx),
                ConsoleRequest::GoToStop(k) => {
                    self.presentation.tour_playing = self.tour.is_some();
                    self.presentation.blacked = false;
                    self.go_to_stop(k);
                }
                ConsoleRequest::Detail(action) => self.apply_detail_action(action),
            }
        }
    }

    /// Shows the console's window for this frame, with the state the map was just drawn from.
    pub(super) fn show_console(&mut self, ctx: &egui::Context) {
        if !self.console_open() {
            return;
        }
        let snapshot = self.console_snapshot();
        // Taken up here rather than when the console was made: the outcome's slot is the one
        // the launcher reads, set after the app was made.
        let screenshot = self.console_screenshot.take().map(|path| ConsoleScreenshot {
            path,
            on_existing: self.exit_screenshot_existing,
            asked: false,
            outcome: self.console_screenshot_result.clone(),
        });
        let Some(console) = &self.console else { return };
        {
            let mut shared = lock(&console.shared);
            if screenshot.is_some() {
                shared.screenshot = screenshot;
            }
            if shared.snapshot != snapshot {
                shared.snapshot = snapshot;
                ctx.request_repaint_of(console_viewport_id());
            }
        }
        let shared = console.shared.clone();
        ctx.show_viewport_deferred(console_viewport_id(), console.builder.clone(), move |ui, class| {
            console_ui(ui, &shared, class)
        });
        // Embedded in this window, the console has just run: what it asked for runs now.
        self.apply_console_requests(ctx);
    }

    /// Whether the window waits for the console's scripted screenshot before it closes.
    pub(super) fn waits_for_console_screenshot(&self) -> bool {
        self.console_screenshot_wanted() && self.console_screenshot_result.lock().is_ok_and(|r| r.is_none())
    }

    /// Whether the command line asked for the console's picture.
    fn console_screenshot_wanted(&self) -> bool {
        self.console_screenshot.is_some()
            || self
                .console
                .as_ref()
                .is_some_and(|c| lock(&c.shared).screenshot.is_some())
    }

    /// With a console screenshot asked for on the command line, the window closes once both
    /// pictures are written (or the console's never comes).
    pub(super) fn close_after_both_screenshots(&mut self, ctx: &egui::Context) {
        if !self.console_screenshot_wanted() {
            return;
        }
        let map_written = self.screenshot_result.lock().is_ok_and(|r| r.is_some());
        if !map_written {
            return;
        }
        if self.waits_for_console_screenshot() {
            let waited = match &mut self.console {
                Some(console) => {
                    console.waited += 1;
                    console.waited
                }
                None => SCREENSHOT_PATIENCE_FRAMES,
            };
            if waited < SCREENSHOT_PATIENCE_FRAMES {
                ctx.request_repaint();
                return;
            }
            if let Ok(mut slot) = self.console_screenshot_result.lock() {
                *slot = Some(Err(
                    "the presenter console did not open, so its screenshot was not taken (give --presenter)"
                        .to_string(),
                ));
            }
        }
        ctx.send_viewport_cmd(ViewportCommand::Close);
    }
}
