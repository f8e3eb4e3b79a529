//! How the window opens: the command line's day, view, selection and screenshot, and eframe's
//! run loop with the exit code it ends with.

use super::ChronoatlasApp;
use super::capture::ScreenshotResult;
use crate::chronicle::Chronicle;
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
    /// Open in presentation mode, in the dark theme when `dark`.
    pub present: bool,
    pub dark: bool,
    /// When the process started; with `CHRONOATLAS_TIMING` set, the time to the first drawn
    /// map is printed on stderr.
    pub started: Option<std::time::Instant>,
}

impl ChronoatlasApp {
    /// Applies the command line's day, view, selection and screenshot.
    pub fn with_startup(mut self, startup: &Startup) -> ChronoatlasApp {
        if let Some(event) = startup.select {
            self.state.select(&self.chronicle, event);
        }
        if let Some(day) = startup.day {
            self.state.go_to(day);
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
