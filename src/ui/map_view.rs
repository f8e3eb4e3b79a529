//! The map panel: owns the camera and the cached base layers; pans with a drag, zooms with the
//! wheel towards the pointer, with the zoom commands (+/−) and with a double-click; hovering a marker shows its
//! events, clicking selects one (or spreads out a group of several).

use crate::chronicle::{Chronicle, GeoBox};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::render::egui_painter::ScenePainter;
use crate::scene::{self, BaseLayers, Marker, OverlayOptions, Scene, Style};
use crate::timeline::Timeline;
use crate::ui::fly_to::{self, FLY_SECONDS, Flight};
use crate::view_state::ViewState;
use eframe::egui;

/// How many frames a fit is repeated while the window's panels settle.
const FIT_FRAMES: u8 = 3;

pub struct MapView {
    /// The lon/lat box shown first and on "fit": the chronicle's first view, or all its places.
    home: GeoBox,
    camera: Option<Camera>,
    /// A box to fit, and for how many more frames: the first frames of a window still settle
    /// the panels' sizes, so the fit is repeated until the map's size is final.
    pending_fit: Option<(GeoBox, u8)>,
    /// A zoom about the centre asked for by a command, applied when the map is next drawn (the
    /// camera needs the map's size).
    pending_zoom: f64,
    /// Base layers per projection, most recent last; each view is drawn in a projection centred
    /// on it, so Korea stands upright rather than tilted as it is in a conic centred on Eurasia.
    layers: Vec<BaseLayers>,
    /// The chronicle's map layer, to build base layers for a new projection.
    map_layer: crate::chronicle::MapLayer,
    pub style: Style,
    pub overlays: OverlayOptions,
    painter: ScenePainter,
    /// The last scene drawn and where on screen, for hit-testing and tests.
    last_scene: Option<Scene>,
    /// The day's events gathered by place, kept while the day, what is shown and the filter stay
    /// (a cumulative map of a million events gathers half a million of them).
    shown: Option<scene::ShownDay>,
    last_origin: egui::Pos2,
    /// Where the map was last drawn in the window, in points (what F12 saves at the desk).
    last_rect: Option<egui::Rect>,
    /// A place whose marker pulses for a moment ("show on map"), and since when.
    flash: Option<(String, f64)>,
    /// The move to the last view asked for, while it lasts.
    flight: Option<Flight>,
    /// Whether a change of view flies there (on) or cuts (off).
    pub fly: bool,
    /// Chronicles drawn beneath the main one, each with its toggle.
    pub context: Vec<scene::Layer>,
    /// A layer's event selected (layer, event), shown in the detail panel.
    pub selected_context: Option<(usize, usize)>,
    /// Pen strokes, laser and spotlight drawn over the map while presenting (see `ui::ink`).
    pub ink: scene::ink::Ink,
}

/// What happened on the map this frame.
#[derive(Default)]
pub struct MapResponse {
    /// An event the user clicked.
    pub clicked_event: Option<usize>,
    /// A layer's event the user clicked: (layer, event).
    pub clicked_context: Option<(usize, usize)>,
}

impl MapView {
    pub fn new(chronicle: &Chronicle) -> MapView {
        let home = chronicle.home_extent();
        let opening = chronicle.opening_view().unwrap_or(home);
        let (w, s, e, n) = opening.to_tuple();
        MapView {
            home,
            camera: None,
            pending_fit: Some((opening, FIT_FRAMES)),
            pending_zoom: 1.0,
            layers: vec![BaseLayers::new(Projection::for_extent(w, s, e, n), &chronicle.map)],
            map_layer: chronicle.map.clone(),
            style: Style::atlas(),
            overlays: OverlayOptions::default(),
            painter: ScenePainter::default(),
            last_scene: None,
            shown: None,
            last_origin: egui::Pos2::ZERO,
            last_rect: None,
            flash: None,
            flight: None,
            fly: true,
            context: Vec::new(),
            selected_context: None,
            ink: scene::ink::Ink::default(),
        }
    }

    /// Shows a lon/lat box (a [`GeoBox`] or `[west, south, east, north]`), flying there once
    /// the map has been drawn.
    pub fn fit(&mut self, bbox: impl Into<GeoBox>) {
        self.pending_fit = Some((bbox.into(), FIT_FRAMES));
    }

    /// Takes over a chronicle read again from its file, keeping the camera where it is: the
    /// home view follows the chronicle's places, and the base layers are built again, in the
    /// same projection, only when its map layer changed.
    pub fn replace_chronicle(&mut self, chronicle: &Chronicle) {
        self.shown = None;
        self.home = chronicle.home_extent();
        let same_map = serde_json::to_value(&self.map_layer).ok() == serde_json::to_value(&chronicle.map).ok();
        if !same_map {
            self.map_layer = chronicle.map.clone();
            let projection = self.layers.last().map(|l| l.projection());
            self.layers.clear();
            if let Some(projection) = projection {
                self.layers.push(BaseLayers::new(projection, &self.map_layer));
            }
        }
    }

    /// Back to the home extent.
    pub fn fit_home(&mut self) {
        self.pending_fit = Some((self.home, FIT_FRAMES));
    }

    /// Whether the map is on its way to a view.
    pub fn flying(&self) -> bool {
        self.flight.is_some() || self.pending_fit.is_some()
    }

    /// Brings the day's events into view when some are off screen, framed no closer than
    /// [`fly_to::MIN_FRAME_DEGREES`]; leaves the map alone when they are all on screen.
    pub fn frame_days_events(&mut self, chronicle: &Chronicle, timeline: &Timeline, state: &ViewState) {
        let points = fly_to::day_points(chronicle, timeline, state);
        if points.iter().all(|&(lon, lat)| self.is_visible_cached(lon, lat)) {
            return;
        }
        if let Some(bbox) = fly_to::frame_around(&points) {
            self.fit(bbox);
        }
    }

    /// Zooms about the map's centre by `factor` (above 1 zooms in).
    pub fn zoom_by(&mut self, factor: f64) {
        if factor.is_finite() && factor > 0.0 {
            self.pending_zoom *= factor;
        }
    }

    /// Centres the map on a point without changing the scale.
    pub fn center_on(&mut self, lon: f64, lat: f64) {
        self.flight = None;
        let world = self.layers().projection().forward(lon, lat);
        if let Some(camera) = &mut self.camera {
            camera.set_center(world);
        }
    }

    /// Whether a point is on the map's screen (as last drawn).
    pub fn is_visible(&mut self, lon: f64, lat: f64) -> bool {
        self.layers();
        self.is_visible_cached(lon, lat)
    }

    /// [`Self::is_visible`] without building layers, for use while the map is borrowed.
    pub fn is_visible_cached(&self, lon: f64, lat: f64) -> bool {
        let (Some(camera), Some(layers)) = (self.camera, self.layers.last()) else {
            return false;
        };
        let (x, y) = camera.world_to_screen(layers.projection().forward(lon, lat));
        let (w, h) = camera.viewport();
        (0.0..=w).contains(&x) && (0.0..=h).contains(&y)
    }

    /// Centres the map on a place if it is off screen, and makes its marker pulse.
    pub fn show_place(&mut self, chronicle: &Chronicle, place: &str, always_centre: bool) {
        let Some(p) = chronicle.place(place) else { return };
        if always_centre || !self.is_visible(p.lon, p.lat) {
            self.center_on(p.lon, p.lat);
        }
        self.flash = Some((place.to_string(), f64::NAN));
    }

    /// The lon/lat box [west, south, east, north] the map shows, for a tour stop.
    pub fn visible_lonlat_bbox(&mut self) -> Option<[f64; 4]> {
        let camera = self.camera?;
        let projection = self.layers().projection();
        let (w, h) = camera.viewport();
        let mut points = Vec::new();
        for k in 0..=8 {
            let t = k as f64 / 8.0;
            for (x, y) in [(t * w, 0.0), (t * w, h), (0.0, t * h), (w, t * h)] {
                let (lon, lat) = projection.inverse(camera.screen_to_world((x, y)).0, camera.screen_to_world((x, y)).1);
                if lon.is_finite() && lat.is_finite() {
                    points.push((lon, lat));
                }
            }
        }
        let (west, east) = points
            .iter()
            .fold((180.0f64, -180.0f64), |(a, b), p| (a.min(p.0), b.max(p.0)));
        let (south, north) = points
            .iter()
            .fold((90.0f64, -90.0f64), |(a, b), p| (a.min(p.1), b.max(p.1)));
        (west < east && south < north).then_some([west, south.max(-89.0), east, north.min(89.0)])
    }

    /// The camera and projection the map was last drawn with, for placing ink.
    pub fn ink_view(&self) -> Option<scene::ink::InkView> {
        Some(scene::ink::InkView::new(self.camera?, self.layers.last()?.projection()))
    }

    pub fn camera(&self) -> Option<&Camera> {
        self.camera.as_ref()
    }

    /// The base layers in use (the last ones chosen).
    pub fn layers(&mut self) -> &mut BaseLayers {
        if self.layers.is_empty() {
            let (w, s, e, n) = self.home.to_tuple();
            self.layers
                .push(BaseLayers::new(Projection::for_extent(w, s, e, n), &self.map_layer));
        }
        let last = self.layers.len() - 1;
        &mut self.layers[last]
    }

    /// Switches to the projection centred on `bbox`, reusing its layers if they were built.
    fn use_projection_for(&mut self, bbox: GeoBox) -> Projection {
        let (w, s, e, n) = bbox.to_tuple();
        let projection = Projection::for_extent(w, s, e, n);
        match self.layers.iter().position(|l| l.projection() == projection) {
            Some(i) => {
                let layers = self.layers.remove(i);
                self.layers.push(layers);
            }
            None => {
                // Keep a few projections' meshes; each costs megabytes.
                if self.layers.len() >= 3 {
                    self.layers.remove(0);
                }
                self.layers.push(BaseLayers::new(projection, &self.map_layer));
            }
        }
        projection
    }

    pub fn last_scene(&self) -> Option<&Scene> {
        self.last_scene.as_ref()
    }

    /// Where the map was last drawn in the window, in points: the map with its date card and
    /// caption, without the panels around it.
    pub fn last_rect(&self) -> Option<egui::Rect> {
        self.last_rect
    }

    /// Screen position of a point of the last scene.
    pub fn to_screen(&self, p: [f32; 2]) -> egui::Pos2 {
        self.last_origin + egui::vec2(p[0], p[1])
    }

    /// Draws the map filling `ui` for the state's day and selection.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        chronicle: &Chronicle,
        timeline: &Timeline,
        state: &mut ViewState,
    ) -> MapResponse {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
        let response = response.on_hover_cursor(egui::CursorIcon::Grab);
        let viewport = (rect.width() as f64, rect.height() as f64);
        self.move_camera(ui, viewport);
        let Some(camera) = self.camera.as_mut() else {
            return MapResponse::default();
        };
        let mut moved_by_hand = false;
        if response.dragged() {
            let d = response.drag_delta();
            camera.pan_by_pixels(d.x as f64, d.y as f64);
            moved_by_hand = true;
        }
        let pointer = response.hover_pos().map(|p| p - rect.min);
        let centre = (viewport.0 / 2.0, viewport.1 / 2.0);
        let about = pointer.map_or(centre, |p| (p.x as f64, p.y as f64));
        if response.hovered() {
            let scroll = ui.input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                camera.zoom_about(about, (scroll as f64 * 0.003).exp());
                moved_by_hand = true;
            }
        }
        if response.double_clicked() {
            camera.zoom_about(about, 2.0);
            moved_by_hand = true;
        }
        let zoom = std::mem::replace(&mut self.pending_zoom, 1.0);
        if zoom != 1.0 {
            camera.zoom_about(centre, zoom);
            moved_by_hand = true;
        }
        let camera = *camera;
        if moved_by_hand {
            // The hand wins over a flight under way.
            self.flight = None;
        }
        let style = self.style.clone();
        let overlays = self.overlays;
        self.layers();
        let context = scene::Context {
            layers: &self.context,
            selected: self.selected_context,
        };
        let last = self.layers.len() - 1;
        let base = &mut self.layers[last];
        let shown = match self.shown.take() {
            Some(mut shown) => {
                shown.update(chronicle, timeline, state, base.projection());
                shown
            }
            None => scene::ShownDay::new(chronicle, timeline, state, base.projection()),
        };
        let mut scene = scene::compose_day(
            chronicle, timeline, &shown, context, base, &camera, &style, state, overlays,
        );
        self.shown = Some(shown);
        let ink_view = scene::ink::InkView::new(camera, base.projection());
        let now = ui.input(|i| i.time);
        scene
            .primitives
            .extend(self.ink.primitives(&ink_view, scene.size, &style, now));
        if self.ink.animating() {
            ui.ctx().request_repaint();
        }
        self.painter.paint(&ui.painter_at(rect), rect.min, &scene);

        let mut out = MapResponse::default();
        let hit = pointer.and_then(|p| marker_at(&scene, [p.x, p.y])).cloned();
        if let Some(marker) = &hit {
            ui.ctx().set_cursor_icon(egui::CursorIcon::PointingHand);
            let of = match marker.layer {
                Some(l) => self.context.get(l).map(|l| &l.chronicle),
                None => Some(chronicle),
            };
            if let Some(of) = of {
                response
                    .clone()
                    .on_hover_ui_at_pointer(|ui| marker_tooltip(ui, of, marker, state.day()));
            }
        }
        if response.clicked() {
            match &hit {
                // A cluster of places zooms in on itself, until its places stand apart.
                Some(m) if m.cluster.is_some() => {
                    if let Some(camera) = self.camera.as_mut() {
                        camera.zoom_about((m.center[0] as f64, m.center[1] as f64), 2.5);
                        self.flight = None;
                        ui.ctx().request_repaint();
                    }
                }
                Some(m) if m.layer.is_some() => {
                    out.clicked_context = m.layer.zip(m.events.last().copied());
                }
                Some(m) if m.events.len() > 1 && state.expanded_place() != Some(m.place.as_str()) => {
                    state.expand_place(Some(m.place.clone()));
                }
                Some(m) => out.clicked_event = m.events.last().copied(),
                None => state.expand_place(None),
            }
        }
        self.paint_flash(ui, chronicle, rect.min);
        self.last_scene = Some(scene);
        self.last_origin = rect.min;
        self.last_rect = Some(rect);
        out
    }
}

impl MapView {
    /// Sets this frame's camera: the first drawing fits the opening view, a new view to fit
    /// starts a flight from where the map is (a cut when flying is off), a flight under way
    /// moves on by the frame's time.
    fn move_camera(&mut self, ui: &egui::Ui, viewport: (f64, f64)) {
        let dt = ui.input(|i| i.stable_dt).clamp(0.0, 0.25) as f64;
        if let Some(flight) = &mut self.flight {
            flight.progress += dt / FLY_SECONDS;
        }
        let fit_to = self.pending_fit.take().map(|(bbox, frames)| {
            if frames > 1 {
                self.pending_fit = Some((bbox, frames - 1));
                ui.ctx().request_repaint();
            }
            (bbox, frames == FIT_FRAMES)
        });
        if let Some((bbox, first_time)) = fit_to {
            let before = self.layers.last().map(|l| l.projection());
            let projection = self.use_projection_for(bbox);
            let mut target = Camera::new((0.0, 0.0), 1.0, viewport);
            target.fit_lonlat(&projection, bbox.to_tuple(), viewport, 24.0);
            let start = match (self.camera, before) {
                (Some(camera), Some(before)) if self.fly => Some(fly_to::reproject(camera, &before, &projection)),
                _ => None,
            };
            match (&mut self.flight, start) {
                // The fit repeated while the panels settle: the same flight, a truer target.
                (Some(flight), _) if flight.bbox == bbox && !first_time => flight.to = target,
                (_, Some(from)) if first_time && from != target => {
                    self.flight = Some(Flight {
                        from,
                        to: target,
                        bbox,
                        progress: 0.0,
                    });
                }
                _ => {
                    self.flight = None;
                    self.camera = Some(target);
                }
            }
        }
        if let Some(flight) = self.flight {
            self.camera = Some(flight.camera());
            if flight.arrived() {
                self.flight = None;
            } else {
                ui.ctx().request_repaint();
            }
        }
        let home = self.home;
        let projection = self.layers().projection();
        let camera = self.camera.get_or_insert_with(|| {
            let mut c = Camera::new((0.0, 0.0), 1.0, viewport);
            c.fit_lonlat(&projection, home.to_tuple(), viewport, 24.0);
            c
        });
        camera.set_viewport(viewport);
    }

    /// A ring that pulses three times around the flashed place's marker.
    fn paint_flash(&mut self, ui: &egui::Ui, chronicle: &Chronicle, origin: egui::Pos2) {
        let now = ui.input(|i| i.time);
        let Some((place, since)) = &mut self.flash else { return };
        if since.is_nan() {
            *since = now;
        }
        let t = (now - *since) as f32;
        let Some(p) = chronicle.place(place) else { return };
        if t > 1.8 {
            self.flash = None;
            return;
        }
        let Some(camera) = self.camera else { return };
        let projection = self.layers().projection();
        let (x, y) = camera.world_to_screen(projection.forward(p.lon, p.lat));
        let phase = (t / 0.6).fract();
        let radius = 8.0 + 30.0 * phase;
        let alpha = ((1.0 - phase) * 255.0) as u8;
        let color = egui::Color32::from_rgba_unmultiplied(213, 94, 0, alpha);
        ui.painter().circle_stroke(
            origin + egui::vec2(x as f32, y as f32),
            radius,
            egui::Stroke::new(3.0, color),
        );
        ui.ctx().request_repaint();
    }
}

/// The topmost marker under a point; spread-out single markers before their group's area.
pub fn marker_at(scene: &Scene, p: [f32; 2]) -> Option<&Marker> {
    let within = |m: &&Marker| (m.center[0] - p[0]).hypot(m.center[1] - p[1]) <= m.radius + 3.0;
    scene
        .markers
        .iter()
        .rev()
        .filter(within)
        .min_by(|a, b| a.radius.total_cmp(&b.radius))
}

fn marker_tooltip(ui: &mut egui::Ui, chronicle: &Chronicle, marker: &Marker, day: chrono::NaiveDate) {
    if let Some(cluster) = marker.cluster {
        ui.strong(format!("{} events at {} places", cluster.events, cluster.places));
        for &i in marker.events.iter().take(10) {
            let Some(e) = chronicle.events.get(i) else { continue };
            ui.label(scene::fit::cut(
                &format!("{} — {}", e.date.in_words(), scene::fit::cut(&e.title, 200)),
                240,
            ));
        }
        if cluster.events > marker.events.len().min(10) {
            ui.weak(format!("and {} more", cluster.events - marker.events.len().min(10)));
        }
        ui.weak("Click to zoom in");
        return;
    }
    let Some(place) = chronicle.place(&marker.place) else {
        return;
    };
    ui.strong(scene::fit::cut(place.name_on(day), 200));
    for &i in marker.events.iter().take(10) {
        let e = &chronicle.events[i];
        let inferred = if e.place_inferred { " (place inferred)" } else { "" };
        ui.label(format!(
            "{} — {}{inferred}",
            e.date.in_words(),
            scene::fit::cut(&e.title, 200)
        ));
    }
    if marker.events.len() > 10 {
        ui.weak(format!("and {} more", marker.events.len() - 10));
    }
    if marker.events.len() > 1 {
        ui.weak("Click to spread them out");
    } else {
        ui.weak("Click to select");
    }
}
