//! The map panel: owns the camera and the cached base layers; pans with a drag, zooms with the
//! wheel towards the pointer, with +/− keys, and with a double-click.

use crate::chronicle::Chronicle;
use crate::map::basemap::{Basemap, Lod};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use crate::render::egui_painter;
use crate::scene::{self, BaseLayer, Style};
use eframe::egui;
use std::collections::HashMap;

pub struct MapView {
    projection: Projection,
    /// The lon/lat box shown first and on "fit": the chronicle's first view, or all its places.
    home: (f64, f64, f64, f64),
    camera: Option<Camera>,
    layers: HashMap<Lod, BaseLayer>,
    style: Style,
}

/// The extent a chronicle asks to open on: its first named view, else the box around its places.
pub fn home_extent(chronicle: &Chronicle) -> (f64, f64, f64, f64) {
    if let Some(view) = chronicle.views.first() {
        let [w, s, e, n] = view.bbox;
        return (w, s, e, n);
    }
    let lons = chronicle.places.iter().map(|p| p.lon);
    let lats = chronicle.places.iter().map(|p| p.lat);
    let (w, e) = lons.fold((f64::MAX, f64::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let (s, n) = lats.fold((f64::MAX, f64::MIN), |(a, b), y| (a.min(y), b.max(y)));
    if w > e {
        (-180.0, -60.0, 180.0, 80.0)
    } else {
        (w - 2.0, s - 2.0, e + 2.0, n + 2.0)
    }
}

impl MapView {
    pub fn new(chronicle: &Chronicle) -> MapView {
        let home = home_extent(chronicle);
        MapView {
            projection: Projection::for_extent(home.0, home.1, home.2, home.3),
            home,
            camera: None,
            layers: HashMap::new(),
            style: Style::atlas(),
        }
    }

    /// Draws the map filling `ui`, with markers for `events` (indices into the chronicle's events).
    pub fn show(&mut self, ui: &mut egui::Ui, chronicle: &Chronicle, events: &[usize]) -> egui::Response {
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), egui::Sense::click_and_drag());
        let viewport = (rect.width() as f64, rect.height() as f64);
        let (projection, home) = (self.projection, self.home);
        let camera = self.camera.get_or_insert_with(|| {
            let mut c = Camera::new((0.0, 0.0), 1.0, viewport);
            c.fit_lonlat(&projection, home, viewport, 24.0);
            c
        });
        camera.set_viewport(viewport);
        if response.dragged() {
            let d = response.drag_delta();
            camera.pan_by_pixels(d.x as f64, d.y as f64);
        }
        let pointer = response.hover_pos().unwrap_or(rect.center()) - rect.min;
        let pointer = (pointer.x as f64, pointer.y as f64);
        if response.hovered() {
            let scroll = ui.input(|i| i.smooth_scroll_delta.y);
            if scroll != 0.0 {
                camera.zoom_about(pointer, (scroll as f64 * 0.003).exp());
            }
        }
        if response.double_clicked() {
            camera.zoom_about(pointer, 2.0);
        }
        let (zoom_in, zoom_out, fit) = ui.input(|i| {
            (
                i.key_pressed(egui::Key::Plus) || i.key_pressed(egui::Key::Equals),
                i.key_pressed(egui::Key::Minus),
                i.key_pressed(egui::Key::Num0),
            )
        });
        let centre = (viewport.0 / 2.0, viewport.1 / 2.0);
        if zoom_in {
            camera.zoom_about(centre, 1.5);
        }
        if zoom_out {
            camera.zoom_about(centre, 1.0 / 1.5);
        }
        if fit {
            camera.fit_lonlat(&projection, home, viewport, 24.0);
        }
        let lod = Lod::for_scale(camera.pixels_per_km() * 111.32);
        let camera = *camera;
        let base = self
            .layers
            .entry(lod)
            .or_insert_with(|| BaseLayer::build(Basemap::embedded(lod), projection, |a, b| a == b));
        let scene = scene::build(chronicle, base, &camera, events, &self.style);
        egui_painter::paint(&ui.painter_at(rect), rect.min, &scene);
        response
    }
}
