//! The scene: what the map shows, as plain styled shapes in screen pixels. The window paints it
//! with egui and the exporters will write it as SVG, so an export always matches the screen.

mod base_layer;
mod style;

pub use base_layer::BaseLayer;
pub use style::{Rgba, Style};

use crate::chronicle::{Chronicle, LocationPrecision};
use crate::map::camera::Camera;

/// One drawable thing, in screen pixels.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// Filled triangles (land).
    Mesh {
        vertices: Vec<[f32; 2]>,
        indices: Vec<u32>,
        color: Rgba,
    },
    Polyline {
        points: Vec<[f32; 2]>,
        width: f32,
        color: Rgba,
    },
    Circle {
        center: [f32; 2],
        radius: f32,
        fill: Rgba,
        stroke_width: f32,
        stroke: Rgba,
    },
    /// Text whose left-middle sits at `anchor`, outlined in `halo` so it reads over any line.
    Label {
        anchor: [f32; 2],
        text: String,
        size: f32,
        color: Rgba,
        halo: Rgba,
    },
}

/// A marker drawn for a place, kept so the window can tell what is under the pointer.
#[derive(Clone, Debug, PartialEq)]
pub struct Marker {
    pub place: String,
    pub center: [f32; 2],
    pub radius: f32,
    /// Indices into `Chronicle::events`, in the order given.
    pub events: Vec<usize>,
}

/// Everything to draw for one frame, back to front.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub size: [f32; 2],
    pub background: Rgba,
    pub primitives: Vec<Primitive>,
    pub markers: Vec<Marker>,
}

/// Builds the scene for a camera: the base layer moved into view, then a marker and a label for
/// each place of `events` (indices into the chronicle's events).
pub fn build(chronicle: &Chronicle, base: &BaseLayer, camera: &Camera, events: &[usize], style: &Style) -> Scene {
    let (w, h) = camera.viewport();
    let to_screen = |p: [f32; 2]| {
        let (x, y) = camera.world_to_screen((p[0] as f64, p[1] as f64));
        [x as f32, y as f32]
    };
    let mut primitives = vec![Primitive::Mesh {
        vertices: base.land_vertices.iter().map(|&p| to_screen(p)).collect(),
        indices: base.land_indices.clone(),
        color: style.land,
    }];
    let lines = |lines: &[Vec<[f32; 2]>], width: f32, color: Rgba| {
        lines
            .iter()
            .map(|l| Primitive::Polyline {
                points: l.iter().map(|&p| to_screen(p)).collect(),
                width,
                color,
            })
            .collect::<Vec<_>>()
    };
    primitives.extend(lines(&base.coastlines, style.coast_width, style.coast));
    primitives.extend(lines(&base.borders, style.border_width, style.border));

    let mut markers = place_markers(chronicle, base, camera, events, style);
    markers.sort_by(|a, b| b.events.len().cmp(&a.events.len()).then(a.place.cmp(&b.place)));
    // Point markers are obstacles for labels; soft region areas are not, or no city inside a
    // region could ever be named.
    let is_region = |m: &Marker| {
        chronicle
            .place(&m.place)
            .is_some_and(|p| p.precision == LocationPrecision::Region)
    };
    let mut taken: Vec<[f32; 4]> = markers
        .iter()
        .filter(|m| !is_region(m))
        .map(|m| {
            [
                m.center[0] - m.radius,
                m.center[1] - m.radius,
                m.center[0] + m.radius,
                m.center[1] + m.radius,
            ]
        })
        .collect();
    for marker in markers.iter().rev() {
        primitives.push(marker_shape(chronicle, marker, style));
    }
    for marker in &markers {
        let Some(place) = chronicle.place(&marker.place) else {
            continue;
        };
        let size = style.label_size;
        let gap = if is_region(marker) { 4.0 } else { marker.radius + 4.0 };
        let anchor = [marker.center[0] + gap, marker.center[1]];
        let width = place.name.chars().count() as f32 * size * 0.55;
        let rect = [
            anchor[0],
            anchor[1] - size * 0.6,
            anchor[0] + width,
            anchor[1] + size * 0.6,
        ];
        let overlaps = |r: &[f32; 4]| r[0] < rect[2] && rect[0] < r[2] && r[1] < rect[3] && rect[1] < r[3];
        if taken.iter().any(overlaps) {
            continue;
        }
        taken.push(rect);
        primitives.push(Primitive::Label {
            anchor,
            text: place.name.clone(),
            size,
            color: style.label,
            halo: style.halo,
        });
    }
    Scene {
        size: [w as f32, h as f32],
        background: style.sea,
        primitives,
        markers,
    }
}

fn place_markers(
    chronicle: &Chronicle,
    base: &BaseLayer,
    camera: &Camera,
    events: &[usize],
    style: &Style,
) -> Vec<Marker> {
    let mut markers: Vec<Marker> = Vec::new();
    for &i in events {
        let Some(place_id) = chronicle.events.get(i).and_then(|e| e.places.first()) else {
            continue;
        };
        match markers.iter_mut().find(|m| &m.place == place_id) {
            Some(marker) => marker.events.push(i),
            None => {
                let Some(place) = chronicle.place(place_id) else {
                    continue;
                };
                let (x, y) = camera.world_to_screen(base.projection.forward(place.lon, place.lat));
                let radius = match place.precision {
                    LocationPrecision::Region => {
                        (place.radius_km.unwrap_or(150.0) * camera.pixels_per_km()).clamp(10.0, 400.0) as f32
                    }
                    _ => style.marker_radius,
                };
                markers.push(Marker {
                    place: place_id.clone(),
                    center: [x as f32, y as f32],
                    radius,
                    events: vec![i],
                });
            }
        }
    }
    for marker in &mut markers {
        let is_region = chronicle
            .place(&marker.place)
            .is_some_and(|p| p.precision == LocationPrecision::Region);
        if !is_region {
            marker.radius = style.marker_radius + 1.5 * (marker.events.len() as f32).sqrt();
        }
    }
    markers
}

fn marker_shape(chronicle: &Chronicle, marker: &Marker, style: &Style) -> Primitive {
    let thread = marker
        .events
        .first()
        .and_then(|&i| chronicle.events[i].thread.as_deref());
    let index = thread
        .and_then(|t| chronicle.threads.iter().position(|x| x.id == t))
        .unwrap_or(0);
    let color = style.thread_color(index);
    let is_region = chronicle
        .place(&marker.place)
        .is_some_and(|p| p.precision == LocationPrecision::Region);
    if is_region {
        Primitive::Circle {
            center: marker.center,
            radius: marker.radius,
            fill: color.with_alpha(50),
            stroke_width: 1.0,
            stroke: color.with_alpha(140),
        }
    } else {
        Primitive::Circle {
            center: marker.center,
            radius: marker.radius,
            fill: color,
            stroke_width: 1.5,
            stroke: style.halo,
        }
    }
}
