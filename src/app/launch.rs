//! How the window opens: the command line's day, view, selection and screenshot, and eframe's
//! run loop with the exit code it ends with.

use super::ChronoatlasApp;
use super::capture::ScreenshotResult;
use crate::atomic_file::OnExisting;
use crate::chronicle::Chronicle;
use chrono::NaiveDate;
use eframe::egui;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};

/// How the window opens, from the command line.
#[derive(Clone, Debug, Default)]
pub struct Startup {
    /// The chronicle file named on the command line (none: the embedded or remembered one).
    pub file: Option<PathBuf>,
    pub day: Option<NaiveDate>,
    /// A lon/lat box [west, south, east, north] to show.
    pub view: Option<crate::chronicle::GeoBox>,
    /// Index into `Chronicle::events`.
    pub select: Option<usize>,
    /// A tour to play, and the stop to start at (from 0).
    pub tour: Option<(crate::tour::Tour, usize)>,
    /// Save one screenshot here and close.
    pub screenshot: Option<PathBuf>,
    /// Whether that screenshot may replace an existing file (`--overwrite`).
    pub overwrite: bool,
    pub window_size: (u32, u32),
    /// Open in presentation mode, in the dark theme when `dark`.
    pub present: bool,
    /// Present with the presenter console (`--presenter`; implies `present`).
    pub presenter: bool,
    /// Save the presenter console's screenshot here too, then close.
    pub presenter_screenshot: Option<PathBuf>,
    pub dark: bool,
    /// What could not be read of the chronicle or does not check out, one line each; listed
    /// in a window over the map.
    pub problems: Vec<String>,
    /// When the process started; with `CHRONOATLAS_TIMING` set, the time to the first drawn
    /// map is printed on stderr.
    pub started: Option<std::time::Instant>,
    /// Chronicles shown beneath the main one (`--layer`), with their file names.
    pub layers: Vec<(Chronicle, String)>,
    /// The chronicle's timeline, built while the chronicle was checked: a million events take
    /// half a second to order, which the window need not wait for again. Taken by [`run`].
    pub timeline: Option<Arc<crate::timeline::Timeline>>,
}

impl ChronoatlasApp {
    /// Applies the command line's day, view, selection and screenshot.
    pub fn with_startup(mut self, startup: &Startup) -> ChronoatlasApp {
        self.map.context = startup
            .layers
            .iter()
            .map(|(chronicle, name)| crate::scene::Layer::new(chronicle.clone(), name.clone()))
            .collect();
        if let Some(event) = startup.select {
            self.state.select(&self.chronicle, event);
        }
        if let Some(day) = startup.day {
            self.state.go_to(day);
        }
        if let Some(bbox) = startup.view {
            self.map.fit(bbox);
        }
        if let Some((tour, stop)) = &startup.tour {
            self.tour = Some(tour.clone());
            self.current_stop = Some(*stop);
            self.play_tour();
        }
        self.exit_screenshot = startup.screenshot.clone().map(|p| (p, false));
        self.exit_screenshot_existing = if startup.overwrite {
            OnExisting::Replace
        } else {
            OnExisting::Refuse
        };
        // A scripted picture or a lecture started from the command line needs no key hint, nor
        // does whoever has used it before.
        self.hint = self.hint
            && startup.screenshot.is_none()
            && !startup.present
            && !startup.presenter
            && startup.tour.is_none();
        // Without --dark, the theme remembered stays.
        if startup.dark {
            self.presentation.dark = true;
        }
        self.pending_present = startup.present || startup.presenter;
        self.console_screenshot = startup.presenter_screenshot.clone();
        if startup.presenter {
            self.open_console();
        }
        self.problems = crate::ui::problems::Problems::new(startup.problems.clone());
        self.started = startup
            .started
            .filter(|_| std::env::var_os("CHRONOATLAS_TIMING").is_some());
        self
    }
}

/// The window's options. A `--screenshot` run remembers nothing: the window's size and place
/// are not saved (nor, see [`eframe::App::persist_egui_memory`], egui's memory), so taking a
/// picture from a script leaves the user's settings as they were.
pub fn native_options(chronicle: &Chronicle, startup: &Startup) -> eframe::NativeOptions {
    let (w, h) = startup.window_size;
    eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(format!("chronoatlas — {}", chronicle.metadata.title))
            .with_inner_size([w as f32, h as f32]),
        persist_window: startup.screenshot.is_none(),
        ..Default::default()
    }
}

/// Opens the window on a chronicle; returns when the window closes, with the exit code (2 when a
/// command-line screenshot could not be written).
pub fn run(chronicle: Chronicle, file_name: String, startup: Startup) -> eframe::Result<ExitCode> {
    let mut options = native_options(&chronicle, &startup);
    // A screenshot run reads no remembered settings either (a remembered window size would
    // override --window-size): its storage is an empty folder, removed afterwards.
    let scratch = match &startup.screenshot {
        Some(_) => Some(tempfile::tempdir().map_err(|e| eframe::Error::AppCreation(Box::new(e)))?),
        None => None,
    };
    if let Some(dir) = &scratch {
        options.persistence_path = Some(dir.path().join("app.ron"));
    }
    let wants_screenshot = startup.screenshot.is_some();
    let wants_console_screenshot = startup.presenter_screenshot.is_some();
    let outcome: ScreenshotResult = Arc::new(Mutex::new(None));
    let outcome_in_app = outcome.clone();
    let console_outcome: ScreenshotResult = Arc::new(Mutex::new(None));
    let console_outcome_in_app = console_outcome.clone();
    eframe::run_native(
        "chronoatlas",
        options,
        Box::new(move |cc| {
            // +/− zoom the map, not the whole interface.
            cc.egui_ctx.options_mut(|o| o.zoom_with_keyboard = false);
            crate::ui::fonts::install(&cc.egui_ctx);
            let mut startup = startup;
            let timeline = startup.timeline.take().and_then(|t| Arc::try_unwrap(t).ok());
            let mut app =
                ChronoatlasApp::open_with(&cc.egui_ctx, cc.storage, (chronicle, timeline), file_name, &startup);
            app.screenshot_result = outcome_in_app;
            app.console_screenshot_result = console_outcome_in_app;
            Ok(Box::new(app))
        }),
    )?;
    if !wants_screenshot {
        return Ok(ExitCode::SUCCESS);
    }
    let mut written = report(&outcome, "the screenshot");
    if wants_console_screenshot {
        written &= report(&console_outcome, "the presenter console's screenshot");
    }
    Ok(if written { ExitCode::SUCCESS } else { ExitCode::from(2) })
}

/// Prints where a scripted screenshot was written (stdout), or why not (stderr); true when it was.
fn report(outcome: &ScreenshotResult, what: &str) -> bool {
    match outcome.lock().ok().and_then(|r| r.clone()) {
        Some(Ok(path)) => {
            println!("{}", path.display());
            true
        }
        Some(Err(message)) => {
            eprintln!("chronoatlas: {message}");
            false
        }
        None => {
            eprintln!("chronoatlas: the window closed before {what} was taken");
            false
        }
    }
}
