//! The export window: the map as shown, as PNG or SVG at a chosen size, or the days of a span
//! (the current period unless changed) as one picture per day, an animated GIF and an MP4 video
//! for slides, rendered headless from the same scene (see `export`), in the look of the screen
//! or of the hall, with a caption.
//! Files get fresh names in the chosen folder, so nothing is overwritten; the work runs on a
//! thread so the window stays responsive.

use crate::atomic_file::OnExisting;
use crate::chronicle::Chronicle;
use crate::chronicle::date::parse_day;
use crate::export::{self, ExportRequest, ExportView, FramesRequest, Look, SequenceOutputs, VideoOptions};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::scene::{OverlayOptions, Style};
use crate::timeline::Timeline;
use crate::ui::screenshot;
use crate::view_state::ViewState;
use chrono::NaiveDate;
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
    /// The span the frame range was last set from: a new period sets it again.
    span_seen: Option<(NaiveDate, NaiveDate)>,
    /// One PNG per day, in a folder of their own (with the GIF and the video).
    pub pictures: bool,
    pub gif: bool,
    /// An MP4 video (H.264) for slides and browsers.
    pub video: bool,
    /// The video's frame rate, seconds a day and hold on the first and last day.
    pub video_options: VideoOptions,
    /// The presentation look or the dark theme instead of the screen's look.
    pub look: Look,
    pub legend: bool,
    /// Words for a caption on every picture; empty for none.
    pub caption: String,
    /// Keep the presenter's pen strokes in "Export the view as shown" and in F12's screenshot;
    /// off, they are left out.
    pub keep_ink: bool,
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
            span_seen: None,
            pictures: true,
            gif: true,
            video: false,
            video_options: VideoOptions::default(),
            look: Look::default(),
            legend: true,
            caption: String::new(),
            keep_ink: false,
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
    /// Chronicles beneath the main one; those shown are exported too.
    pub layers: &'a [crate::scene::Layer],
    /// The pen strokes on the map, exported only with "Keep the ink".
    pub ink: &'a [crate::scene::ink::InkStroke],
}

/// Copies of the layers shown, for an export on another thread.
fn shown_layers(shown: &Shown) -> Vec<(Chronicle, String)> {
    shown
        .layers
        .iter()
        .filter(|l| l.shown)
        .map(|l| (l.chronicle.clone(), l.name.clone()))
        .collect()
}

fn to_layers(copies: Vec<(Chronicle, String)>) -> Vec<crate::scene::Layer> {
    copies
        .into_iter()
        .map(|(c, name)| crate::scene::Layer::new(c, name))
        .collect()
}

impl ExportWindow {
    pub fn show(&mut self, ctx: &egui::Context, shown: &Shown) {
        if let Some(outcome) = self.outcome.lock().ok().and_then(|mut o| o.take()) {
            self.busy = false;
            self.message = Some(outcome);
        }
        self.follow_span(shown.state.span());
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
                self.look_controls(ui);
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
                    });
                    self.sequence_controls(ui);
                    let any = self.pictures || self.gif || self.video;
                    let button = ui.add_enabled(any, egui::Button::new("Export the days"));
                    if button.clicked() {
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

    /// The frame range follows the period chosen in the time controls; typed days stay until
    /// another period is chosen.
    pub fn follow_span(&mut self, span: (NaiveDate, NaiveDate)) {
        if self.span_seen != Some(span) {
            self.span_seen = Some(span);
            self.from = span.0.format("%Y-%m-%d").to_string();
            self.to = span.1.format("%Y-%m-%d").to_string();
        }
    }

    /// What the days become: pictures, a GIF, a video and its timing (as `frames -o --gif
    /// --video --fps --seconds-per-day --hold`).
    fn sequence_controls(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            ui.checkbox(&mut self.pictures, "One picture per day (PNG)");
            ui.checkbox(&mut self.gif, "GIF");
            ui.checkbox(&mut self.video, "Video (MP4)").on_hover_text(
                "H.264 in MP4, for PowerPoint, Keynote, LibreOffice and browsers; the size must be even",
            );
        });
        if !self.video {
            return;
        }
        let days = self.days();
        let options = &mut self.video_options;
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("Frames a second");
            ui.add(egui::DragValue::new(&mut options.fps).range(1..=export::VIDEO_MAX_FPS))
                .labelled_by(label.id);
            let label = ui.label("Seconds a day");
            ui.add(
                egui::DragValue::new(&mut options.seconds_per_day)
                    .range(0.05..=export::VIDEO_MAX_SECONDS)
                    .speed(0.05)
                    .max_decimals(2),
            )
            .labelled_by(label.id);
            let label = ui.label("Hold first and last day (s)");
            ui.add(
                egui::DragValue::new(&mut options.hold_seconds)
                    .range(0.0..=export::VIDEO_MAX_SECONDS)
                    .speed(0.1)
                    .max_decimals(2),
            )
            .labelled_by(label.id);
        });
        if let Ok(days) = days {
            ui.weak(format!(
                "{} frames, {:.1} s",
                options.frame_count(days),
                options.duration_seconds(days)
            ));
        }
    }

    /// How many days the typed range has.
    fn days(&self) -> Result<usize, String> {
        let (from, to) = match (parse_day(&self.from), parse_day(&self.to)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return Err(e.to_string()),
        };
        export::frame_days(from, to).map(|d| d.len()).map_err(|e| e.to_string())
    }

    /// Theme, legend and caption: the same choices as `export --present --dark --caption`.
    fn look_controls(&mut self, ui: &mut egui::Ui) {
        ui.horizontal_wrapped(|ui| {
            let present = ui
                .checkbox(&mut self.look.present, "Presentation look")
                .on_hover_text("Projector type sizes, the day's events named on the map, no legend");
            if present.changed() {
                self.legend = !self.look.present;
            }
            ui.checkbox(&mut self.look.dark, "Dark theme")
                .on_hover_text("The dark projector theme, for a dark room");
            ui.checkbox(&mut self.legend, "Show the legend");
            ui.checkbox(&mut self.keep_ink, "Keep the ink")
                .on_hover_text("The pen's strokes drawn while presenting, in this export and in F12's screenshot; without it they are left out");
        });
        ui.horizontal(|ui| {
            let label = ui.label("Caption on the picture");
            ui.add(
                egui::TextEdit::singleline(&mut self.caption)
                    .hint_text("none")
                    .desired_width(320.0),
            )
            .labelled_by(label.id);
        });
    }

    /// The style and overlays chosen: the screen's, or the look asked for; the legend as ticked.
    fn style_and_overlays(&self, shown: &Shown) -> (Style, OverlayOptions) {
        let style = if self.look == Look::default() {
            shown.style.clone()
        } else {
            self.look.style()
        };
        let mut overlays = self.look.overlays(shown.overlays);
        overlays.legend = self.legend;
        (style, overlays)
    }

    fn caption(&self) -> Option<String> {
        let text = self.caption.trim();
        (!text.is_empty()).then(|| text.to_string())
    }

    /// The picture "Export the view as shown" makes.
    pub fn view_request(&self, shown: &Shown) -> ExportRequest {
        let (style, overlays) = self.style_and_overlays(shown);
        ExportRequest {
            day: shown.state.day(),
            selected: shown.state.selected(),
            view: Self::view(shown),
            size: self.size,
            overlays,
            style,
            settings: Some(shown.state.clone()),
            caption: self.caption(),
            ink: if self.keep_ink { shown.ink.to_vec() } else { Vec::new() },
        }
    }

    /// The pictures "Export one picture per day" makes, from the days typed.
    pub fn frames_request(&self, shown: &Shown) -> Result<FramesRequest, String> {
        let (from, to) = match (parse_day(&self.from), parse_day(&self.to)) {
            (Ok(a), Ok(b)) => (a, b),
            (Err(e), _) | (_, Err(e)) => return Err(e.to_string()),
        };
        let (style, overlays) = self.style_and_overlays(shown);
        Ok(FramesRequest {
            from,
            to,
            view: Self::view(shown),
            size: self.size,
            selected: shown.state.selected(),
            overlays,
            style,
            settings: Some(shown.state.clone()),
            caption: self.caption(),
        })
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
        let request = self.view_request(shown);
        let chronicle = shown.chronicle.clone();
        let layers = shown_layers(shown);
        self.run(move || {
            let timeline = Timeline::new(&chronicle);
            let layers = to_layers(layers);
            // The name was free a moment ago; should a file have appeared since, it stays.
            export::export_layers_to_file_with(&chronicle, &layers, &timeline, &request, &path, OnExisting::Refuse)
                .map(|_| format!("Saved {}", path.display()))
                .map_err(|e| e.to_string())
        });
    }

    /// Where the days go: with pictures, a folder of their own holding the GIF and the video
    /// too; without, the GIF and the video in the chosen folder, each under a fresh name.
    pub fn sequence_outputs(&self, folder: &std::path::Path, from: NaiveDate, to: NaiveDate) -> SequenceOutputs {
        let name = format!(
            "chronoatlas-frames-{}-{}",
            from.format("%Y-%m-%d"),
            to.format("%Y-%m-%d")
        );
        let (frames, gif, video) = if self.pictures {
            let dir = screenshot::unique_path_with(folder, &name, "");
            (Some(dir.clone()), dir.join("frames.gif"), dir.join("frames.mp4"))
        } else {
            let stem = format!("chronoatlas-{}-{}", from.format("%Y-%m-%d"), to.format("%Y-%m-%d"));
            (
                None,
                screenshot::unique_path_with(folder, &stem, "gif"),
                screenshot::unique_path_with(folder, &stem, "mp4"),
            )
        };
        SequenceOutputs {
            frames,
            gif: self.gif.then_some(gif),
            video: self.video.then_some((video, self.video_options)),
            // A fresh name each; should a file have appeared since, it stays.
            on_existing: if self.pictures {
                OnExisting::Replace
            } else {
                OnExisting::Refuse
            },
        }
    }

    fn export_frames(&mut self, shown: &Shown) {
        let folder = match self.folder() {
            Ok(f) => f,
            Err(e) => return self.message = Some(Err(e)),
        };
        let request = match self.frames_request(shown) {
            Ok(r) => r,
            Err(e) => return self.message = Some(Err(e)),
        };
        if self.video {
            // Said now, not after the days are drawn.
            let checked = export::check_video_size(request.size).and_then(|()| self.video_options.check());
            if let Err(e) = checked {
                return self.message = Some(Err(e.to_string()));
            }
        }
        let outputs = self.sequence_outputs(&folder, request.from, request.to);
        let chronicle = shown.chronicle.clone();
        let layers = shown_layers(shown);
        self.run(move || {
            let timeline = Timeline::new(&chronicle);
            let layers = to_layers(layers);
            export::export_sequence(&chronicle, &layers, &timeline, &request, &outputs)
                .map(|written| saved_message(&outputs, &written))
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

/// "Saved 47 pictures in …; GIF …; video … (26.5 s)".
fn saved_message(outputs: &SequenceOutputs, written: &export::SequenceWritten) -> String {
    let mut parts = Vec::new();
    if let Some(dir) = &outputs.frames {
        parts.push(format!("{} pictures in {}", written.frames.len(), dir.display()));
    }
    if let Some(gif) = &written.gif {
        parts.push(format!("GIF {}", gif.display()));
    }
    if let Some(video) = &written.video {
        parts.push(format!(
            "video {} ({:.1} s, {} frames)",
            video.path.display(),
            video.duration_seconds,
            video.frames
        ));
    }
    format!("Saved {}", parts.join("; "))
}
