//! The scene: what the map shows, as plain styled shapes in screen pixels. The window paints it
//! with egui and the exporters write it as SVG, so an export always matches the screen.

mod base_layer;
mod callouts;
mod compose;
mod day;
mod features;
pub mod fit;
pub mod ink;
mod labels;
mod layers;
mod markers;
mod overlay;
mod routes;
mod shown;
mod style;

pub use base_layer::{BaseLayer, Land, LandMesh, LandTile, NamedLine, StateLabel, WaterLabel, WorldLine};
pub use compose::{
    BaseLayers, Context, OverlayOptions, attribution, compose, compose_day, compose_with_layers, day_in_words,
};
pub use day::{DayCount, events_of_day, most_precise_first};
pub use features::{DayFeature, features_on};
pub use layers::{ContextEvent, Layer, context_events};
pub use markers::{CLUSTER_ABOVE, Cluster, MAX_DRAWN, Marker, short_count};
pub use overlay::Overlay;
pub use shown::{PlaceGroup, ShownDay};
pub use style::{Rgba, Style, TextKind};

use crate::chronicle::Chronicle;
use crate::chronicle::map_layer::LineKind;
use crate::map::camera::Camera;
use std::sync::Arc;

/// World kilometres to screen pixels: `[x * scale + offset.x, -y * scale + offset.y]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Transform {
    pub scale: f32,
    pub offset: [f32; 2],
}

impl Transform {
    pub fn of(camera: &Camera) -> Transform {
        let (ox, oy) = camera.world_to_screen((0.0, 0.0));
        Transform {
            scale: camera.pixels_per_km() as f32,
            offset: [ox as f32, oy as f32],
        }
    }

    pub fn apply(&self, p: [f32; 2]) -> [f32; 2] {
        [p[0] * self.scale + self.offset[0], -p[1] * self.scale + self.offset[1]]
    }

    /// The world point drawn at screen point `p` (the inverse of [`Transform::apply`]).
    pub fn invert(&self, p: [f32; 2]) -> [f32; 2] {
        let scale = if self.scale.abs() > f32::EPSILON {
            self.scale
        } else {
            1.0
        };
        [(p[0] - self.offset[0]) / scale, -(p[1] - self.offset[1]) / scale]
    }
}

/// Where a text's anchor sits on the text's box.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    LeftCenter,
    Center,
    RightCenter,
    LeftTop,
    RightBottom,
    CenterBottom,
}

/// A piece of text and how it is set. `\n` breaks lines.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    pub anchor: [f32; 2],
    pub align: Align,
    pub text: String,
    pub size: f32,
    pub color: Rgba,
    /// Outline in the background colour, so the text reads over any line.
    pub halo: Option<Rgba>,
    pub italic: bool,
    /// Extra space between letters in pixels (spaced capitals for state names).
    pub letter_spacing: f32,
    /// What the text is, which set its size (tests check the sizes by kind).
    pub kind: TextKind,
}

impl Default for Text {
    fn default() -> Self {
        Text {
            anchor: [0.0, 0.0],
            align: Align::LeftTop,
            text: String::new(),
            size: 12.0,
            color: Rgba::rgb(0, 0, 0),
            halo: None,
            italic: false,
            letter_spacing: 0.0,
            kind: TextKind::default(),
        }
    }
}

impl Text {
    /// Line height as a multiple of the size.
    pub const LINE_HEIGHT: f32 = 1.2;

    /// The box the text covers, [left, top, right, bottom], from the style's width estimate.
    pub fn bounds(&self) -> [f32; 4] {
        let (w, h) = Text::extent(&self.text, self.size, self.letter_spacing);
        Text::box_at(self.anchor, self.align, w, h)
    }

    /// Width and height of `text` at `size`, from the style's width estimate: measured once, a
    /// name tried at eight places around its dot is not measured eight times.
    pub fn extent(text: &str, size: f32, letter_spacing: f32) -> (f32, f32) {
        let mut lines = 0usize;
        let w = text
            .split('\n')
            .inspect(|_| lines += 1)
            .map(|l| text_width(l, size, letter_spacing))
            .fold(0.0, f32::max);
        (w, lines as f32 * size * Self::LINE_HEIGHT)
    }

    /// The box of a text `w` by `h` set at `anchor` with `align`.
    pub fn box_at(anchor: [f32; 2], align: Align, w: f32, h: f32) -> [f32; 4] {
        let [x, y] = anchor;
        let (left, top) = match align {
            Align::LeftCenter => (x, y - h / 2.0),
            Align::Center => (x - w / 2.0, y - h / 2.0),
            Align::RightCenter => (x - w, y - h / 2.0),
            Align::LeftTop => (x, y),
            Align::RightBottom => (x - w, y - h),
            Align::CenterBottom => (x - w / 2.0, y - h),
        };
        [left, top, left + w, top + h]
    }
}

/// An estimate of the width of one line of text in the app's sans font (Ubuntu Light), used to
/// keep labels apart; it errs wide so estimated boxes contain the real ones.
pub fn text_width(line: &str, size: f32, letter_spacing: f32) -> f32 {
    line.chars()
        .map(|c| {
            let em = match c {
                'i' | 'l' | 'j' | '\'' | '.' | ',' | ':' | ';' | '|' | '!' => 0.26,
                'f' | 't' | 'r' | 'I' | ' ' | '(' | ')' | '-' => 0.36,
                'm' | 'w' | 'M' | 'W' => 0.86,
                c if c.is_uppercase() => 0.66,
                c if c.is_ascii_digit() => 0.56,
                _ => 0.54,
            };
            em * size + letter_spacing
        })
        .sum()
}

/// One drawable thing, in screen pixels unless it says otherwise.
#[derive(Clone, Debug, PartialEq)]
pub enum Primitive {
    /// The land mesh, in world km, placed by `transform` (so it is never copied per frame).
    Land {
        mesh: Arc<LandMesh>,
        transform: Transform,
        color: Rgba,
    },
    Polyline {
        points: Vec<[f32; 2]>,
        width: f32,
        color: Rgba,
        /// Dash and gap lengths in pixels, for lines that are uncertain or provisional.
        dash: Option<[f32; 2]>,
    },
    /// A filled convex polygon (arrowheads).
    Polygon {
        points: Vec<[f32; 2]>,
        fill: Rgba,
    },
    /// A filled shape of any outline (a held area, a region), triangulated for painters that fill
    /// only convex shapes: `triangles` index `ring` three by three; `ring`, closed implicitly, is
    /// the outline for SVG and for the stroke (none when `stroke_width` is 0).
    Area {
        ring: Vec<[f32; 2]>,
        triangles: Vec<u32>,
        fill: Rgba,
        stroke_width: f32,
        stroke: Rgba,
        /// Dashed outline: region outlines are approximate.
        dashed: bool,
    },
    Circle {
        center: [f32; 2],
        radius: f32,
        fill: Rgba,
        stroke_width: f32,
        stroke: Rgba,
        /// Dashed outline, for uncertain dates.
        dashed: bool,
    },
    Rect {
        min: [f32; 2],
        max: [f32; 2],
        fill: Rgba,
        stroke_width: f32,
        stroke: Rgba,
        corner: f32,
    },
    Text(Text),
}

/// Everything to draw for one frame, back to front.
#[derive(Clone, Debug, PartialEq)]
pub struct Scene {
    pub size: [f32; 2],
    pub background: Rgba,
    pub primitives: Vec<Primitive>,
    /// What the pointer can hit, topmost last.
    pub markers: Vec<Marker>,
}

impl Primitive {
    /// An area over `ring` (screen pixels), triangulated with earcut so any simple ring fills
    /// right; `None` for fewer than three points.
    pub fn area(ring: &[[f32; 2]], fill: Rgba, stroke_width: f32, stroke: Rgba, dashed: bool) -> Option<Primitive> {
        use geo::TriangulateEarcut;
        let mut coords: Vec<geo::Coord<f64>> = ring
            .iter()
            .map(|p| geo::Coord {
                x: p[0] as f64,
                y: p[1] as f64,
            })
            .collect();
        coords.dedup();
        if coords.len() > 1 && coords.first() == coords.last() {
            coords.pop();
        }
        if coords.len() < 3 {
            return None;
        }
        let triangulation = geo::Polygon::new(geo::LineString::new(coords), Vec::new()).earcut_triangles_raw();
        Some(Primitive::Area {
            ring: triangulation
                .vertices
                .iter()
                .map(|v| [v[0] as f32, v[1] as f32])
                .collect(),
            triangles: triangulation.triangle_indices.iter().map(|&i| i as u32).collect(),
            fill,
            stroke_width,
            stroke,
            dashed,
        })
    }
}

impl Scene {
    /// The texts of the scene, back to front.
    pub fn texts(&self) -> impl Iterator<Item = &Text> {
        self.primitives.iter().filter_map(|p| match p {
            Primitive::Text(t) => Some(t),
            _ => None,
        })
    }
}

/// What to draw: the base map, the events and journeys of the day, the selection and overlays.
pub struct SceneInput<'a> {
    pub chronicle: &'a Chronicle,
    /// The day shown: places are named and drawn as they were that day.
    pub day: chrono::NaiveDate,
    pub base: &'a BaseLayer,
    pub camera: &'a Camera,
    pub style: &'a Style,
    /// The day's events and journeys, and the events gathered by place.
    pub shown: &'a ShownDay,
    /// Index into `Chronicle::events`.
    pub selected: Option<usize>,
    /// A place whose grouped events are drawn spread out, one marker each.
    pub expanded_place: Option<&'a str>,
    /// The chronicle's time index: how many events name a place, to rank town names when they
    /// compete for room.
    pub timeline: &'a crate::timeline::Timeline,
    pub overlay: &'a Overlay,
    /// The keyframed features of the day, interpolated, of the chronicle and its shown layers.
    pub features: &'a [DayFeature],
    /// Chronicles beneath this one, and their events of the day.
    pub layers: &'a [Layer],
    pub context_events: &'a [ContextEvent],
    /// A layer's event selected: (layer, event).
    pub selected_context: Option<(usize, usize)>,
}

impl SceneInput<'_> {
    fn lookup(&self) -> shown::Lookup<'_> {
        shown::Lookup {
            chronicle: self.chronicle,
            timeline: self.timeline,
        }
    }

    /// The first place of event `i`, from the timeline's index (a lookup by name otherwise).
    pub fn place_of_event(&self, i: usize) -> Option<&crate::chronicle::Place> {
        self.chronicle.places.get(self.place_index_of_event(i)?)
    }

    /// Where place `p` (index into the chronicle's places) falls on the map's plane: projected
    /// once for the day, not on every frame.
    pub fn place_point(&self, p: usize) -> Option<[f32; 2]> {
        self.shown.place_point(p).or_else(|| {
            let place = self.chronicle.places.get(p)?;
            let (x, y) = self.base.projection.forward(place.lon, place.lat);
            Some([x as f32, y as f32])
        })
    }

    /// Index into the chronicle's places of event `i`'s first place.
    pub fn place_index_of_event(&self, i: usize) -> Option<usize> {
        self.lookup().place_of_event(i)
    }

    /// Index into the chronicle's threads of event `i`'s thread, if it names a known one.
    pub fn thread_of_event(&self, i: usize) -> Option<usize> {
        self.lookup().thread_of_event(i)
    }
}

/// Builds the scene for one frame.
pub fn build(input: &SceneInput) -> Scene {
    let (w, h) = input.camera.viewport();
    let size = [w as f32, h as f32];
    let style = input.style;
    let transform = Transform::of(input.camera);
    let mut primitives = base_primitives(input.base, input.camera, style);

    let mut placer = labels::Placer::new(size);
    let (overlay_prims, boxes) = overlay::build(input, &mut placer);
    let route_prims = routes::build(input, &transform, &mut placer);
    let (marker_prims, main_markers) = markers::build(input, &transform, &mut placer);
    // Capitals and the day's event places come first, then the names of the features (a front
    // keeps its name before any town), then the callouts, then the layers beneath, then cities
    // before towns before villages, so a capital is never left out for a village.
    let mut named = labels::Named::default();
    let first = labels::event_labels(input, &main_markers, &mut placer, &mut named, labels::Pass::First);
    let mut context_prims = labels::context_labels(input, &transform, &mut placer, &mut named, labels::Pass::First);
    let feature_prims = features::build(input, &transform, &mut placer);
    let rest = labels::event_labels(input, &main_markers, &mut placer, &mut named, labels::Pass::Rest);
    let (callout_prims, layer_called) = callouts::build(
        input,
        &main_markers,
        &transform,
        &mut placer,
        &boxes,
        first.unnamed + rest.unnamed,
    );
    let (layer_prims, mut markers) = layers::build(input, &transform, &mut placer, &layer_called);
    context_prims.extend(labels::context_labels(
        input,
        &transform,
        &mut placer,
        &mut named,
        labels::Pass::Rest,
    ));
    let base_prims = labels::base_labels(input, &transform, &mut placer, &named);
    let mut event_labels = first;
    event_labels.primitives.extend(rest.primitives);
    // The layers' markers under the chronicle's own, which are hit first.
    markers.extend(main_markers);

    primitives.extend(feature_prims);
    primitives.extend(base_prims);
    primitives.extend(layer_prims);
    primitives.extend(route_prims);
    primitives.extend(marker_prims);
    primitives.extend(context_prims);
    primitives.extend(event_labels.primitives);
    primitives.extend(callout_prims);
    primitives.extend(overlay_prims);
    Scene {
        size,
        background: style.sea,
        primitives,
        markers,
    }
}

/// The part of a frame that depends only on the map of the day, the camera and the style: land,
/// borders, coasts and the map layer's lines. It is the start of every scene [`build`] makes, so a
/// sequence of frames can draw it once and only the rest per day.
pub fn base_primitives(base: &BaseLayer, camera: &Camera, style: &Style) -> Vec<Primitive> {
    let (w, h) = camera.viewport();
    let size = [w as f32, h as f32];
    let transform = Transform::of(camera);
    let view = camera.visible_world_bbox();
    let mut primitives = vec![Primitive::Land {
        mesh: base.land_in(&view),
        transform,
        color: style.land,
    }];
    let visible = |line: &&WorldLine| {
        line.bbox.max.0 >= view.min.0
            && line.bbox.min.0 <= view.max.0
            && line.bbox.max.1 >= view.min.1
            && line.bbox.min.1 <= view.max.1
    };
    let mut stroke = |lines: &[WorldLine], width: f32, color: Rgba, dash: Option<[f32; 2]>| {
        for line in lines.iter().filter(visible) {
            for points in clip_and_thin(&line.points, &transform, size) {
                primitives.push(Primitive::Polyline {
                    points,
                    width,
                    color,
                    dash,
                });
            }
        }
    };
    stroke(&base.borders, style.border_width, style.border, None);
    stroke(base.coastlines(), style.coast_width, style.coast, None);
    for line in &base.lines {
        let (width, color, dash) = match line.kind {
            LineKind::River => (style.river_width, style.water_label, None),
            LineKind::Boundary => (style.border_width * 1.6, style.boundary_line, Some([7.0, 4.0])),
            LineKind::Front => (style.border_width * 2.2, style.selected, Some([10.0, 4.0])),
        };
        stroke(&line.pieces, width, color, dash);
    }
    primitives
}

/// A world polyline on screen: only the runs of segments that meet the frame, and no two kept
/// points closer than ¾ px, so a detailed coast costs what is visible at this scale, not what the
/// data holds. A segment crossing the frame with both ends outside it is kept.
pub fn clip_and_thin(points: &[[f32; 2]], transform: &Transform, size: [f32; 2]) -> Vec<Vec<[f32; 2]>> {
    const MARGIN: f32 = 20.0;
    const MIN_STEP: f32 = 0.75;
    let meets_frame = |a: [f32; 2], b: [f32; 2]| {
        a[0].max(b[0]) >= -MARGIN
            && a[0].min(b[0]) <= size[0] + MARGIN
            && a[1].max(b[1]) >= -MARGIN
            && a[1].min(b[1]) <= size[1] + MARGIN
    };
    let mut runs = Vec::new();
    let mut run: Vec<[f32; 2]> = Vec::new();
    let mut previous: Option<[f32; 2]> = None;
    for &world in points {
        let p = transform.apply(world);
        if let Some(a) = previous {
            if meets_frame(a, p) {
                if run.is_empty() {
                    run.push(a);
                }
                match run.last() {
                    Some(last) if (p[0] - last[0]).abs() + (p[1] - last[1]).abs() < MIN_STEP => {}
                    _ => run.push(p),
                }
            } else if !run.is_empty() {
                runs.push(std::mem::take(&mut run));
            }
        }
        previous = Some(p);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs.retain(|r| r.len() > 1);
    runs
}
