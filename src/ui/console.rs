//! The presenter console: the lecturer's own window while the map is projected. It shows the
//! day, the tour stop and its caption, the stop's speaker notes, the next stop (with a small
//! picture of its map) and the previous one, the selected event's sources (the detail panel,
//! in larger type), a clock, the time since presenting began and an optional countdown, and the
//! list of stops to jump to. Drawn from borrowed state; what the lecturer asks for comes back as
//! [`ConsoleRequest`]s for the app to run, exactly as the keys of the projected window are run.

use crate::chronicle::{Chronicle, GeoBox};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::render::egui_painter::ScenePainter;
use crate::scene::{self, BaseLayers, OverlayOptions, Scene, Style};
use crate::timeline::Timeline;
use crate::tour::{Stop, Tour};
use crate::ui::commands::{Command, shortcut_text};
use crate::ui::detail_panel::{self, DetailAction};
use crate::view_state::ViewState;
use eframe::egui::{self, Color32, RichText};
use std::time::{Duration, Instant};

/// The body text size of the console: read from an arm's length off a laptop screen.
pub const CONSOLE_BODY: f32 = 18.0;
/// The speaker notes, larger still: they are read at a glance while talking.
pub const NOTES_SIZE: f32 = 22.0;

/// What the console shows: the app's state this frame, borrowed.
pub struct Shown<'a> {
    pub chronicle: &'a Chronicle,
    pub timeline: &'a Timeline,
    pub state: &'a ViewState,
    pub tour: Option<&'a Tour>,
    /// The stop shown last, from 0.
    pub current_stop: Option<usize>,
    pub tour_playing: bool,
    pub blacked: bool,
    /// The projected map's style, for thread colours and the next stop's picture.
    pub style: &'a Style,
    /// Where the projected map looks now [west, south, east, north]: the next stop's picture
    /// shows this when the stop keeps the previous view.
    pub view_bbox: Option<[f64; 4]>,
}

/// What the lecturer asked for in the console.
#[derive(Debug, PartialEq)]
pub enum ConsoleRequest {
    /// A command, from a key pressed in the console or one of its buttons.
    Run(Command),
    /// Jump to this stop of the tour (from 0), playing the tour if it was not.
    GoToStop(usize),
    /// A link of the detail panel.
    Detail(DetailAction),
}

/// The console's own state: its clocks and the cached picture of the next stop.
pub struct ConsoleMemory {
    /// When presenting began, or the elapsed time was last reset.
    pub started: Instant,
    /// The lecture's length in minutes, counted down when on.
    pub countdown: bool,
    pub lecture_minutes: u32,
    thumbnail: Thumbnail,
}

impl Default for ConsoleMemory {
    fn default() -> Self {
        ConsoleMemory {
            started: Instant::now(),
            countdown: false,
            lecture_minutes: 50,
            thumbnail: Thumbnail::default(),
        }
    }
}

impl ConsoleMemory {
    /// Whether the next stop's picture has been drawn (a scripted screenshot waits for it).
    pub fn thumbnail_ready(&self) -> bool {
        self.thumbnail.scene.is_some()
    }
}

/// The small map of the next stop: its base layers (per projection, a few kept), and the scene
/// last built with what it was built for, so it is rebuilt only when the stop or size changes.
#[derive(Default)]
struct Thumbnail {
    layers: Vec<BaseLayers>,
    painter: ScenePainter,
    scene: Option<(ThumbnailKey, Scene)>,
}

#[derive(Clone, PartialEq)]
struct ThumbnailKey {
    stop: Stop,
    bbox: [f64; 4],
    size: [u32; 2],
    style: Style,
}

impl Thumbnail {
    /// Paints the next stop's map into `rect`, building its scene first if it changed.
    fn paint(&mut self, painter: &egui::Painter, rect: egui::Rect, shown: &Shown, stop: &Stop, bbox: [f64; 4]) {
        let size = rect.size();
        let key = ThumbnailKey {
            stop: stop.clone(),
            bbox,
            size: [size.x.round() as u32, size.y.round() as u32],
            style: shown.style.clone(),
        };
        if !self.scene.as_ref().is_some_and(|(k, _)| *k == key) {
            let built = self.build(shown, stop, bbox, size);
            self.scene = Some((key, built));
        }
        if let Some((_, scene)) = &self.scene {
            self.painter.paint(painter, rect.min, scene);
        }
    }

    fn build(&mut self, shown: &Shown, stop: &Stop, bbox: [f64; 4], size: egui::Vec2) -> Scene {
        let geo = GeoBox::from(bbox);
        let (w, s, e, n) = geo.to_tuple();
        let projection = Projection::for_extent(w, s, e, n);
        let at = match self.layers.iter().position(|l| l.projection() == projection) {
            Some(i) => i,
            None => {
                if self.layers.len() >= 2 {
                    self.layers.remove(0);
                }
                self.layers.push(BaseLayers::new(projection, &shown.chronicle.map));
                self.layers.len() - 1
            }
        };
        let viewport = (f64::from(size.x.max(1.0)), f64::from(size.y.max(1.0)));
        let mut camera = Camera::new((0.0, 0.0), 1.0, viewport);
        camera.fit_lonlat(&projection, geo.to_tuple(), viewport, 6.0);
        let mut state = shown.state.clone();
        state.go_to(stop.date);
        let event = stop.event.as_deref().and_then(|id| shown.chronicle.event_index(id));
        state.set_selected(shown.chronicle, event);
        let overlays = OverlayOptions {
            date_card: false,
            legend: false,
            attribution: false,
            caption: false,
            callouts: false,
            callout_limit: 0,
            stop_counter: None,
            steady_legend: false,
        };
        scene::compose(
            shown.chronicle,
            shown.timeline,
            &mut self.layers[at],
            &camera,
            shown.style,
            &state,
            overlays,
        )
    }
}

/// "1:05:09" or "5:09".
pub fn clock_text(duration: Duration) -> String {
    let s = duration.as_secs();
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// What the countdown says after `elapsed` of a lecture of `minutes`: the time left, or how far
/// over it has run (and whether it has).
pub fn countdown_text(elapsed: Duration, minutes: u32) -> (String, bool) {
    let length = Duration::from_secs(u64::from(minutes) * 60);
    match length.checked_sub(elapsed) {
        Some(left) => (format!("{} left", clock_text(left)), false),
        None => (format!("{} over", clock_text(elapsed - length)), true),
    }
}

/// A stop as a line of the list: "9. 9 Oct 1950 — Zhou Enlai meets Stalin …".
pub fn stop_title(chronicle: &Chronicle, stop: &Stop) -> String {
    stop.event
        .as_deref()
        .and_then(|id| chronicle.event(id))
        .map(|e| e.title.to_string())
        .unwrap_or_else(|| stop.caption.lines().next().unwrap_or("(no event)").to_string())
}

fn stop_day(stop: &Stop) -> String {
    stop.date.format("%-d %B %Y").to_string()
}

fn key_of(command: Command) -> String {
    command.keys().first().map(shortcut_text).unwrap_or_default()
}

/// The console, filling `ui`. Returns what the lecturer asked for.
pub fn show(ui: &mut egui::Ui, shown: &Shown, memory: &mut ConsoleMemory) -> Vec<ConsoleRequest> {
    let mut requests = Vec::new();
    egui::Panel::top("console-clock").show(ui, |ui| {
        top_bar(ui, shown, memory, &mut requests);
    });
    let width = ui.available_width();
    egui::Panel::right("console-stops")
        .resizable(true)
        .default_size((width * 0.38).clamp(260.0, 620.0))
        .show(ui, |ui| {
            stops_column(ui, shown, memory, &mut requests);
        });
    egui::CentralPanel::default().show(ui, |ui| {
        current_column(ui, shown, &mut requests);
    });
    requests
}

fn top_bar(ui: &mut egui::Ui, shown: &Shown, memory: &mut ConsoleMemory, requests: &mut Vec<ConsoleRequest>) {
    let body = CONSOLE_BODY;
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        let now = chrono::Local::now().format("%H:%M").to_string();
        ui.label(RichText::new(now).size(body * 1.8).strong())
            .on_hover_text("The time of day");
        ui.separator();
        let elapsed = memory.started.elapsed();
        ui.label(RichText::new(format!("Presenting for {}", clock_text(elapsed))).size(body * 1.2));
        if ui
            .button(RichText::new("Reset").size(body * 0.9))
            .on_hover_text("Count the time presenting from now")
            .clicked()
        {
            memory.started = Instant::now();
        }
        ui.separator();
        ui.checkbox(&mut memory.countdown, RichText::new("Lecture of").size(body));
        let minutes = ui.add(
            egui::DragValue::new(&mut memory.lecture_minutes)
                .range(1..=600)
                .suffix(" min"),
        );
        minutes.on_hover_text("The lecture's length, counted down when ticked");
        if memory.countdown {
            let (text, over) = countdown_text(memory.started.elapsed(), memory.lecture_minutes);
            let color = if over {
                ui.visuals().error_fg_color
            } else {
                ui.visuals().strong_text_color()
            };
            ui.label(RichText::new(text).size(body * 1.2).strong().color(color));
        }
    });
    ui.horizontal_wrapped(|ui| {
        let button = |ui: &mut egui::Ui, text: String, command: Command| {
            ui.button(RichText::new(text).size(body))
                .on_hover_text(command.tooltip())
                .clicked()
        };
        let black = if shown.blacked {
            "Show the map again"
        } else {
            "Black screen"
        };
        for (label, command) in [
            ("‹ Previous", Command::ClickerPrevious),
            ("Next ›", Command::ClickerNext),
            (black, Command::BlackScreen),
            ("End presenting", Command::StopPresenting),
        ] {
            if button(ui, format!("{label} ({})", key_of(command)), command) {
                requests.push(ConsoleRequest::Run(command));
            }
        }
        if shown.blacked {
            ui.label(
                RichText::new("The hall sees a black screen")
                    .size(body)
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    ui.add_space(4.0);
    // A clock that moves: once a second is enough.
    ui.ctx().request_repaint_after(Duration::from_millis(1000));
}

fn current_column(ui: &mut egui::Ui, shown: &Shown, requests: &mut Vec<ConsoleRequest>) {
    let body = CONSOLE_BODY;
    ui.label(
        RichText::new(scene::day_in_words(shown.state.day()))
            .size(body * 1.5)
            .strong(),
    );
    let stop = match (shown.tour, shown.current_stop) {
        (Some(tour), Some(k)) if shown.tour_playing => tour.stops.get(k).map(|s| (k, s, tour.stops.len())),
        _ => None,
    };
    match stop {
        Some((k, stop, count)) => {
            ui.label(
                RichText::new(format!(
                    "Stop {} of {count}: {}",
                    k + 1,
                    stop_title(shown.chronicle, stop)
                ))
                .size(body * 1.1)
                .strong(),
            );
            if !stop.caption.is_empty() {
                ui.label(RichText::new(&stop.caption).size(body).italics());
            }
            ui.add_space(6.0);
            ui.label(RichText::new("Speaker notes").size(body * 0.8).weak());
            egui::Frame::new()
                .inner_margin(10)
                .fill(ui.visuals().faint_bg_color)
                .corner_radius(4)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    let notes = if stop.notes.trim().is_empty() {
                        RichText::new("No notes for this stop (the tour editor has a field for them).")
                            .size(body)
                            .weak()
                    } else {
                        RichText::new(&stop.notes).size(NOTES_SIZE)
                    };
                    egui::ScrollArea::vertical()
                        .id_salt("console-notes")
                        .max_height(ui.ctx().content_rect().height() * 0.4)
                        .show(ui, |ui| ui.label(notes));
                });
        }
        None => {
            let playing = match shown.tour {
                Some(_) => format!(
                    "No tour playing: the clicker steps by its setting ({} plays the tour).",
                    key_of(Command::PlayTour)
                ),
                None => format!("No tour open ({} plays the built-in one).", key_of(Command::PlayTour)),
            };
            ui.label(RichText::new(playing).size(body).weak());
        }
    }
    ui.add_space(6.0);
    ui.separator();
    let action = detail_panel::show_sized(ui, shown.chronicle, shown.timeline, shown.state, shown.style, body);
    if action != DetailAction::default() {
        requests.push(ConsoleRequest::Detail(action));
    }
}

fn stops_column(ui: &mut egui::Ui, shown: &Shown, memory: &mut ConsoleMemory, requests: &mut Vec<ConsoleRequest>) {
    let body = CONSOLE_BODY;
    let Some(tour) = shown.tour else {
        ui.label(RichText::new("No tour").size(body).weak());
        return;
    };
    let current = shown.current_stop.filter(|_| shown.tour_playing);
    let next = tour.next_stop_index(current);
    let previous = tour.previous_stop_index(current);
    ui.add_space(4.0);
    ui.label(RichText::new("Next").size(body * 0.8).weak());
    match next.and_then(|k| tour.stops.get(k).map(|s| (k, s))) {
        Some((k, stop)) => {
            ui.label(
                RichText::new(format!("{}. {}", k + 1, stop_title(shown.chronicle, stop)))
                    .size(body * 1.1)
                    .strong(),
            );
            ui.label(RichText::new(stop_day(stop)).size(body));
            let bbox = stop
                .view
                .as_ref()
                .and_then(|v| v.bbox(shown.chronicle))
                .or(shown.view_bbox);
            if let Some(bbox) = bbox {
                let width = ui.available_width().min(520.0);
                let size = egui::vec2(width, (width * 0.56).round());
                let (rect, response) = ui.allocate_exact_size(size, egui::Sense::click());
                memory.thumbnail.paint(&ui.painter_at(rect), rect, shown, stop, bbox);
                ui.painter().rect_stroke(
                    rect,
                    0.0,
                    egui::Stroke::new(1.0, ui.visuals().weak_text_color()),
                    egui::StrokeKind::Inside,
                );
                if response
                    .on_hover_text("The next stop's map; click to go there")
                    .clicked()
                {
                    requests.push(ConsoleRequest::GoToStop(k));
                }
            }
        }
        None => {
            ui.label(RichText::new("The last stop: the tour ends here").size(body).weak());
        }
    }
    ui.add_space(8.0);
    ui.label(RichText::new("Previous").size(body * 0.8).weak());
    match previous.and_then(|k| tour.stops.get(k).map(|s| (k, s))) {
        Some((k, stop)) => {
            ui.label(RichText::new(format!("{}. {}", k + 1, stop_title(shown.chronicle, stop))).size(body));
            ui.label(RichText::new(stop_day(stop)).size(body * 0.9).weak());
        }
        None => {
            ui.label(RichText::new("None yet").size(body).weak());
        }
    }
    ui.add_space(8.0);
    ui.separator();
    ui.label(
        RichText::new(format!("All {} stops (click to go)", tour.stops.len()))
            .size(body * 0.8)
            .weak(),
    );
    egui::ScrollArea::vertical()
        .id_salt("console-stop-list")
        .auto_shrink([false, false])
        .show(ui, |ui| {
            for (k, stop) in tour.stops.iter().enumerate() {
                let text = format!(
                    "{}. {} — {}",
                    k + 1,
                    stop.date.format("%-d %b"),
                    stop_title(shown.chronicle, stop)
                );
                let mut text = RichText::new(text).size(body * 0.9);
                if current == Some(k) {
                    let [r, g, b, _] = shown.style.selected.0;
                    text = text.strong().color(Color32::from_rgb(r, g, b));
                }
                if ui.selectable_label(current == Some(k), text).clicked() {
                    requests.push(ConsoleRequest::GoToStop(k));
                }
            }
        });
}
