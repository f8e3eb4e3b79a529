//! The export window: the map as shown, as PNG or SVG at a chosen size, or one picture per day
//! over a span with an animated GIF, rendered headless from the same scene (see `export`).
//! Files get fresh names in the chosen folder, so nothing is overwritten; the work runs on a
//! thread so the window stays responsive.

use crate::atomic_file::OnExisting;
use crate::chronicle::Chronicle;
use crate::chronicle::date::parse_day;
use crate::export::{self, ExportRequest, ExportView, FramesRequest};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::scene::{OverlayOptions, Style};
use crate::timeline::Timeline;
use crate::ui::screenshot;
use crate::view_state::ViewState;
use eframe::egui;
use std::sync::{Arc, Mutex};

const SIZES: [(u32, u32); 3] = [(1920, 1080), (3840, 2160), (1280, 720)];

/// The window's settings and the running job's outcome.
pub struct ExportWindow {
    pub open: bool,
    pub svg: bool,
    pub size: (u32, u32),
    pub custom_size: String,
    pub folder: String,
    pub from: String,
    pub to: String,
    pub gif: bool,
    /// Filled by the export thread: Ok(message) or Err(message).
    outcome: Arc<Mutex<Option<Result<String, String>>>>,
    busy: bool,
    pub message: Option<Result<String, String>>,
}

impl Default for ExportWindow {
    fn default() -> Self {
        ExportWindow {
            open: false,
            svg: false,
            size: SIZES[0],
            custom_size: String::new(),
            folder: screenshot::default_folder().display().to_string(),
            from: String::new(),
            to: String::new(),
            gif: true,
            outcome: Arc::new(Mutex::new(None)),
            busy: false,
            message: None,
        }
    }
}

/// What the map shows now, to export.
pub struct Shown<'a> {
    pub chronicle: &'a Chronicle,
    pub state: &'a ViewState,
    pub camera: Option<Camera>,
    pub projection: Projection,
    pub overlays: OverlayOptions,
    pub style: &'a Style,
}

impl ExportWindow {
    pub fn show(&mut self, ctx: &egui::Context, shown: &Shown) {
        if let Some(outcome) = self.outcome.lock().ok().and_then(|mut o| o.take()) {
            self.busy = false;
            self.message = Some(outcome);
        }
        if self.from.is_empty() {
            self.from = shown.state.span().0.format("%Y-%m-%d").to_string();
            self.to = shown.state.span().1.format("%Y-%m-%d").to_string();
        }
        let mut open = self.open;
        egui::Window::new("Export")
            .open(&mut open)
            .default_width(460.0)
            .show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.label("Format");
                    ui.selectable_value(&mut self.svg, false, "PNG");
                    ui.selectable_value(&mut self.svg, true, "SVG");
                });
                ui.horizontal(|ui| {
                    ui.label("Size");
                    for size in SIZES {
                        ui.selectable_value(&mut self.size, size, format!("{}×{}", size.0, size.1));
                    }
                    let label = ui.label("or");
                    let field = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.custom_size)
                                .hint_text("2560x1440")
                                .desired_width(90.0),
                        )
                        .labelled_by(label.id);
                    if field.changed()
                        && let Ok(size) = export::parse_size(&self.custom_size)
                    {
                        self.size = size;
                    }
                });
                ui.horizontal(|ui| {
                    let label = ui.label("Folder");
                    ui.add(egui::TextEdit::singleline(&mut self.folder).desired_width(320.0))
                        .labelled_by(label.id);
                });
                ui.separator();
                ui.add_enabled_ui(!self.busy, |ui| {
                    if ui.button("Export the view as shown").clicked() {
                        self.export_view(shown);
                    }
                    ui.horizontal(|ui| {
                        let label = ui.label("Frames from");
                        ui.add(egui::TextEdit::singleline(&mut self.from).desired_width(100.0))
                            .labelled_by(label.id);
                        let label = ui.label("to");
                        ui.add(egui::TextEdit::singleline(&mut self.to).desired_width(100.0))
                            .labelled_by(label.id);
                        ui.checkbox(&mut self.gif, "and a GIF");
                    });
                    if ui.button("Export one picture per day").clicked() {
                        self.export_frames(shown);
                    }
                });
                if self.busy {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Exporting…");
                    });
                    ctx.request_repaint_after(std::time::Duration::from_millis(100));
                }
                match &self.message {
                    Some(Ok(text)) => {
                        ui.label(text);
                    }
                    Some(Err(text)) => {
                        ui.colored_label(ui.visuals().error_fg_color, text);
                    }
                    None => {}
                }
            });
        self.open = open;
    }

    fn view(shown: &Shown) -> ExportView {
        match shown.camera {
            Some(camera) => ExportView::Camera {
                camera,
                projection: shown.projection,
            },
            None => ExportView::Home,
        }
    }

    fn stem(shown: &Shown) -> String {
        let event = shown
            .state
            .selected()
            .and_then(|i| shown.chronicle.events.get(i))
            .map(|e| format!("-{}", e.id))
            .unwrap_or_default();
        format!("chronoatlas-{}{event}", shown.state.day().format("%Y-%m-%d"))
    }

    fn folder(&self) -> Result<std::path::PathBuf, String> {
        let folder = std::path::PathBuf::from(self.folder.trim());
        if folder.is_dir() {
            Ok(folder)
        } else {
            Err(format!("{}: no such folder", folder.display()))
        }
    }

    fn export_view(&mut self, shown: &Shown) {
        let folder = match self.folder() {
            Ok(f) => f,
            Err(e) => return self.message = Some(Err(e)),
        };
        let path = screenshot::unique_path_with(&folder, &Self::stem(shown), if self.svg { "svg" } else { "png" });
        let request = ExportRequest {
            day: shown.state.day(),
            selected: shown.state.selected(),
            view: Self::view(shown),
            size: self.size,
            overlays: shown.overlays,
            style: shown.style.clone(),
            settings: Some(shown.state.clone()),
        };
        let chronicle = shown.chronicle.clone();
        self.run(move || {
            let timeline = Timeline::new(&chronicle);
            // The name was free a moment ago; should a file have appeared since, it stays.
            export::export_to_file_with(&chronicle, &timeline, &request, &path, OnExisting::Refuse)
                .map(|_| format!("Saved {}", path.display()))
                .map_err(|e| e.to_string())
        });
    }

    fn export_frames(&mut self, shown: &Shown) {
        let folder = match self.folder() {
            Ok(f) => f,
            Err(e) => return self.message = Some(Err(e)),
        };
        let (from, to) = match (parse_day(&self.from), parse_day(&self.to)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return self.message = Some(Err(e.to_string())),
        };
        let name = format!(
            "chronoatlas-frames-{}-{}",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d")
        );
        let dir = screenshot::unique_path_with(&folder, &name, "");
        let gif = self.gif.then(|| dir.join("frames.gif"));
        let request = FramesRequest {
            from,
            to,
            view: Self::view(shown),
            size: self.size,
            selected: shown.state.selected(),
            overlays: shown.overlays,
            style: shown.style.clone(),
            settings: Some(shown.state.clone()),
        };
        let chronicle = shown.chronicle.clone();
        self.run(move || {
            let timeline = Timeline::new(&chronicle);
            export::export_frames(&chronicle, &timeline, &request, &dir, gif.as_deref())
                .map(|written| format!("Saved {} pictures in {}", written.len(), dir.display()))
                .map_err(|e| e.to_string())
        });
    }

    fn run(&mut self, job: impl FnOnce() -> Result<String, String> + Send + 'static) {
        self.busy = true;
        self.message = None;
        let outcome = self.outcome.clone();
        std::thread::spawn(move || {
            let result = job();
            if let Ok(mut slot) = outcome.lock() {
                *slot = Some(result);
            }
        });
    }
}
