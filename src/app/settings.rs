//! What the window remembers between runs, kept apart from what it holds while running: a lecturer
//! who set up the clicker, the theme and the text size for a hall, and left off on a day and a
//! view, finds them again. eframe stores them (as RON, beside the window's size); the command line
//! wins over them, and a `--screenshot` run neither reads nor writes them.

use super::{ChronoatlasApp, Startup};
use crate::chronicle::{self, Chronicle};
use crate::export::FIT_MARGIN;
use crate::ui::map_view::MapView;
use crate::ui::presentation::StepUnit;
use chrono::NaiveDate;
use eframe::egui;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The key the settings are stored under in eframe's storage.
pub const SETTINGS_KEY: &str = "chronoatlas-settings";

/// Days are written `YYYY-MM-DD` (a year before the era as `-0043`).
const DAY_FORMAT: &str = "%Y-%m-%d";

/// The remembered settings. Every field has a default, so a file written by an older or newer
/// version still gives what it can instead of nothing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// The clicker step by its name ("Day", "Event", "Tour stop"); a name no longer known is
    /// ignored.
    pub clicker_step: Option<String>,
    /// The dark projector theme.
    pub dark: bool,
    /// The text size, egui's zoom factor (1.0 is 100%).
    pub text_size: f32,
    /// The day's events named on the map at the desk.
    pub desk_callouts: bool,
    /// The chronicle, when it was opened from a file (absolute); `None` is the embedded one.
    pub chronicle: Option<PathBuf>,
    /// The tour, when it was opened from or saved to a file.
    pub tour: Option<PathBuf>,
    /// The day shown, `YYYY-MM-DD`.
    pub day: Option<String>,
    /// The lon/lat box shown [west, south, east, north].
    pub view: Option<[f64; 4]>,
    /// The first-start hint was used (a key pressed or a click made while it showed).
    pub hint_seen: bool,
    /// F12 at the desk saves the whole window instead of the map alone.
    pub screenshot_whole_window: bool,
    /// Chronicles opened lately from the window, newest first (absolute).
    pub recent_files: Vec<PathBuf>,
    /// Tours opened or saved lately, newest first (absolute).
    pub recent_tours: Vec<PathBuf>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            clicker_step: None,
            dark: false,
            text_size: 1.0,
            desk_callouts: false,
            chronicle: None,
            tour: None,
            day: None,
            view: None,
            hint_seen: false,
            screenshot_whole_window: false,
            recent_files: Vec::new(),
            recent_tours: Vec::new(),
        }
    }
}

impl Settings {
    /// The settings in `storage`, if it holds any that can be read.
    pub fn load(storage: &dyn eframe::Storage) -> Option<Settings> {
        eframe::get_value(storage, SETTINGS_KEY)
    }

    pub fn store(&self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, self);
    }

    /// The clicker step named, if this version knows it.
    pub fn step_unit(&self) -> Option<StepUnit> {
        let name = self.clicker_step.as_deref()?;
        StepUnit::ALL.into_iter().find(|u| u.name() == name)
    }

    /// The remembered day, if it is one.
    pub fn day(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.day.as_deref()?, DAY_FORMAT).ok()
    }

    /// The remembered view, if it is a box that can be shown.
    pub fn view(&self) -> Option<chronicle::GeoBox> {
        showable(self.view?)
    }
}

/// A box the map can fit: valid, and not across the antimeridian (no remembered view is).
fn showable(bbox: [f64; 4]) -> Option<chronicle::GeoBox> {
    let bbox = chronicle::GeoBox::from(bbox);
    (bbox.check().is_ok() && bbox.west < bbox.east).then_some(bbox)
}

/// The chronicle to open: the remembered one when the command line names none (nor an event,
/// which was looked up in the embedded chronicle). Returns it with its display name and absolute
/// path, or a notice when it is gone or cannot be read (the embedded one opens instead).
pub fn remembered_chronicle(
    settings: &Settings,
    startup: &Startup,
) -> Result<Option<(Chronicle, String, PathBuf)>, String> {
    let Some(path) = &settings.chronicle else {
        return Ok(None);
    };
    if startup.file.is_some() || startup.select.is_some() {
        return Ok(None);
    }
    if !path.is_file() {
        return Err(format!(
            "The chronicle opened last, {}, is no longer there; showing the default one.",
            path.display()
        ));
    }
    match crate::import::load_any(path) {
        Ok(imported) => {
            // Loads system fonts for scripts the bundled fonts lack (the warnings were shown
            // when it was first opened).
            let _ = crate::fonts::warnings(&imported.chronicle, &path.display().to_string());
            Ok(Some((imported.chronicle, path.display().to_string(), path.clone())))
        }
        Err(e) => Err(format!(
            "The chronicle opened last could not be read ({e}); showing the default one."
        )),
    }
}

/// An absolute form of a chronicle or tour path, so a run from another folder finds it.
pub fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The lon/lat box the map shows inside the margin a fit keeps, so fitting it again shows the
/// same view rather than one a margin wider on every restart.
fn view_box(map: &mut MapView) -> Option<[f64; 4]> {
    let camera = *map.camera()?;
    let projection = map.layers().projection();
    let (w, h) = camera.viewport();
    let m = FIT_MARGIN;
    if w <= 3.0 * m || h <= 3.0 * m {
        return None;
    }
    let mut points = Vec::new();
    for k in 0..=8 {
        let t = k as f64 / 8.0;
        let (x, y) = (m + t * (w - 2.0 * m), m + t * (h - 2.0 * m));
        for screen in [(x, m), (x, h - m), (m, y), (w - m, y)] {
            let (wx, wy) = camera.screen_to_world(screen);
            let (lon, lat) = projection.inverse(wx, wy);
            if lon.is_finite() && lat.is_finite() {
                points.push((lon, lat));
            }
        }
    }
    let fold = |f: fn(&(f64, f64)) -> f64| {
        points
            .iter()
            .map(f)
            .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)))
    };
    let (west, east) = fold(|p| p.0);
    let (south, north) = fold(|p| p.1);
    let bbox = [west, south.max(-89.0), east, north.min(89.0)];
    showable(bbox).map(|_| bbox)
}

impl ChronoatlasApp {
    /// The app as the window opens: the remembered settings (none for a `--screenshot` run),
    /// then the command line's, which win.
    pub fn open(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        chronicle: Chronicle,
        file_name: String,
        startup: &Startup,
    ) -> ChronoatlasApp {
        ChronoatlasApp::open_with(ctx, storage, (chronicle, None), file_name, startup)
    }

    /// [`Self::open`] with the chronicle's timeline, when it was built while the chronicle was
    /// checked (it goes unused should a remembered chronicle open instead).
    pub fn open_with(
        ctx: &egui::Context,
        storage: Option<&dyn eframe::Storage>,
        (chronicle, timeline): (Chronicle, Option<crate::timeline::Timeline>),
        file_name: String,
        startup: &Startup,
    ) -> ChronoatlasApp {
        let settings = match storage {
            Some(storage) if startup.screenshot.is_none() => Settings::load(storage).unwrap_or_default(),
            _ => Settings::default(),
        };
        let mut notes = Vec::new();
        let given = startup.file.as_deref().map(absolute);
        let (chronicle, timeline, file_name, file) = match remembered_chronicle(&settings, startup) {
            Ok(Some((c, name, path))) => (c, None, name, Some(path)),
            Ok(None) => (chronicle, timeline, file_name, given),
            Err(note) => {
                notes.push(note);
                (chronicle, timeline, file_name, given)
            }
        };
        let mut app = ChronoatlasApp::with_timeline(chronicle, timeline, file_name);
        app.chronicle_file = file;
        app.egui_ctx = Some(ctx.clone());
        if startup.screenshot.is_none() {
            notes.extend(app.apply_settings(&settings, ctx));
            app.remembered = settings;
            // A chronicle named on the command line is one opened lately too.
            if let Some(file) = app.chronicle_file.clone() {
                super::files::remember(&mut app.recent_files, &file);
            }
        }
        if !notes.is_empty() {
            app.notice = Some((notes.join("\n"), 0.0));
        }
        // The embedded chronicle, with no --layer, opens with its default layers beneath it.
        if app.chronicle_file.is_none() && startup.layers.is_empty() {
            let startup = Startup {
                layers: crate::chronicle::default_layers(),
                ..startup.clone()
            };
            return app.with_startup(&startup);
        }
        app.with_startup(startup)
    }

    /// Takes over remembered settings; the day, view and tour only when they were of the
    /// chronicle now open. Returns notices of what was remembered but is gone.
    pub fn apply_settings(&mut self, settings: &Settings, ctx: &egui::Context) -> Vec<String> {
        let mut notes = Vec::new();
        if let Some(unit) = settings.step_unit() {
            self.presentation.unit = unit;
        }
        self.presentation.dark = settings.dark;
        if settings.text_size.is_finite() && (0.5..=3.0).contains(&settings.text_size) {
            ctx.set_zoom_factor(settings.text_size);
        }
        self.presentation.desk_callouts = settings.desk_callouts;
        self.screenshot_whole_window = settings.screenshot_whole_window;
        if settings.hint_seen {
            self.hint = false;
        }
        self.recent_files = settings.recent_files.clone();
        self.recent_tours = settings.recent_tours.clone();
        self.recent_files.truncate(super::RECENT_LIMIT);
        self.recent_tours.truncate(super::RECENT_LIMIT);
        if settings.chronicle != self.chronicle_file {
            return notes;
        }
        if let Some(day) = settings.day() {
            self.state.go_to(day);
        }
        if let Some(bbox) = settings.view() {
            self.map.fit(bbox);
        }
        if let Some(path) = &settings.tour {
            match crate::tour::load_tour(path) {
                Ok(tour) => {
                    self.tour = Some(tour);
                    self.tour_panel.path_text = path.display().to_string();
                }
                Err(_) if !path.exists() => {
                    notes.push(format!("The tour opened last, {}, is no longer there.", path.display()))
                }
                Err(e) => notes.push(format!("The tour opened last could not be read: {e}")),
            }
        }
        notes
    }

    /// The settings to remember now.
    pub fn settings(&mut self) -> Settings {
        let mut settings = self.remembered.clone();
        settings.clicker_step = Some(self.presentation.unit.name().to_string());
        settings.dark = self.presentation.dark;
        if let Some(ctx) = &self.egui_ctx {
            settings.text_size = ctx.zoom_factor();
        }
        settings.desk_callouts = self.presentation.desk_callouts;
        settings.screenshot_whole_window = self.screenshot_whole_window;
        settings.recent_files = self.recent_files.clone();
        settings.recent_tours = self.recent_tours.clone();
        settings.chronicle = self.chronicle_file.clone();
        settings.tour = self.tour_file();
        settings.day = Some(self.state.day().format(DAY_FORMAT).to_string());
        if let Some(view) = view_box(&mut self.map) {
            settings.view = Some(view);
        }
        settings
    }

    /// The open tour's file, when it has one (opened from or saved to it).
    fn tour_file(&self) -> Option<PathBuf> {
        self.tour.as_ref()?;
        let text = self.tour_panel.path_text.trim();
        let path = Path::new(text);
        (!text.is_empty() && path.is_file()).then(|| absolute(path))
    }

    /// Stores the settings, unless this is a `--screenshot` run.
    pub(super) fn save_settings(&mut self, storage: &mut dyn eframe::Storage) {
        if self.exit_screenshot.is_some() {
            return;
        }
        let settings = self.settings();
        settings.store(storage);
        self.remembered = settings;
    }
}
