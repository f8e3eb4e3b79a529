//! Ink drawn over the map while presenting: pen strokes, a laser pointer's fading trail and a
//! spotlight. Strokes are kept in longitude and latitude, so they stay on the places they were
//! drawn over while the map pans, zooms or changes projection; the laser's trail too. The ink
//! becomes ordinary scene primitives, so the window's painter and the exporters draw it alike.
//! Times are seconds on any steady clock the caller chooses (the window's input time).

use super::{Primitive, Rgba, Style};
use crate::map::camera::Camera;
use crate::map::projection::Projection;
use chrono::NaiveDate;

/// How far (screen pixels) a kept stroke may stray from the hand's path: finer than a pixel,
/// so simplifying never shows, yet a slow hand's hundreds of points become a few dozen.
pub const SIMPLIFY_PIXELS: f64 = 0.7;
/// How long the laser's trail takes to fade, in seconds.
pub const LASER_FADE_SECONDS: f64 = 0.35;
/// The pen's width in pixels, and its halo's on each side.
pub const PEN_WIDTH: f32 = 4.5;
const PEN_HALO: f32 = 1.5;
/// The spotlight's radius as a share of the map's shorter side.
pub const SPOTLIGHT_SHARE: f32 = 0.17;
/// The spotlight's veil over the rest of the map: black, a little more than half opaque.
pub const SPOTLIGHT_VEIL: Rgba = Rgba([0, 0, 0, 150]);
/// A saturated magenta that no thread, state or sea of either theme uses.
pub const PEN_COLOR: Rgba = Rgba::rgb(214, 0, 128);
/// The laser's red, brighter than the selected event's vermilion.
pub const LASER_COLOR: Rgba = Rgba::rgb(255, 30, 30);

/// Where the map is on screen: the camera and the projection it looks through.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InkView {
    pub camera: Camera,
    pub projection: Projection,
}

impl InkView {
    pub fn new(camera: Camera, projection: Projection) -> InkView {
        InkView { camera, projection }
    }

    /// Screen pixels (of the map) to [lon, lat]; `None` off the projection.
    pub fn to_lonlat(&self, p: [f32; 2]) -> Option<[f64; 2]> {
        let world = self.camera.screen_to_world((p[0] as f64, p[1] as f64));
        let (lon, lat) = self.projection.inverse(world.0, world.1);
        (lon.is_finite() && lat.is_finite()).then_some([lon, lat])
    }

    /// [lon, lat] to screen pixels of the map.
    pub fn to_screen(&self, lonlat: [f64; 2]) -> Option<[f32; 2]> {
        let (x, y) = self
            .camera
            .world_to_screen(self.projection.forward(lonlat[0], lonlat[1]));
        (x.is_finite() && y.is_finite()).then_some([x as f32, y as f32])
    }
}

/// One pen stroke, in [lon, lat].
#[derive(Clone, Debug, PartialEq)]
pub struct InkStroke {
    pub points: Vec<[f64; 2]>,
}

impl InkStroke {
    /// The stroke on screen: a halo under the pen's colour, so it reads over land, sea and
    /// labels; a dot for a stroke of a single point.
    pub fn primitives(&self, view: &InkView, style: &Style) -> Vec<Primitive> {
        let points: Vec<[f32; 2]> = self.points.iter().filter_map(|&p| view.to_screen(p)).collect();
        let halo = style.halo.with_alpha(220);
        match points.as_slice() {
            [] => Vec::new(),
            [p] => vec![Primitive::Circle {
                center: *p,
                radius: PEN_WIDTH / 2.0 + 0.5,
                fill: PEN_COLOR,
                stroke_width: PEN_HALO,
                stroke: halo,
                dashed: false,
            }],
            _ => vec![
                Primitive::Polyline {
                    points: points.clone(),
                    width: PEN_WIDTH + 2.0 * PEN_HALO,
                    color: halo,
                    dash: None,
                },
                Primitive::Polyline {
                    points,
                    width: PEN_WIDTH,
                    color: PEN_COLOR,
                    dash: None,
                },
            ],
        }
    }
}

/// The primitives of finished strokes, for an export that keeps the ink.
pub fn strokes_primitives(strokes: &[InkStroke], view: &InkView, style: &Style) -> Vec<Primitive> {
    strokes.iter().flat_map(|s| s.primitives(view, style)).collect()
}

/// A point of the laser's trail and when the pointer was there.
#[derive(Clone, Copy, Debug, PartialEq)]
struct LaserPoint {
    lonlat: [f64; 2],
    time: f64,
}

/// The ink of a presentation: the tools switched on, the strokes drawn since the last step, the
/// laser's trail and the pointer.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Ink {
    /// The pen is on: a drag draws instead of panning.
    pub pen: bool,
    /// The spotlight is on: all but a circle around the pointer is dimmed.
    pub spotlight: bool,
    strokes: Vec<InkStroke>,
    /// The stroke being drawn.
    current: Option<InkStroke>,
    /// The laser is held down.
    laser: bool,
    trail: Vec<LaserPoint>,
    /// The pointer over the map, in screen pixels of the map.
    pointer: Option<[f32; 2]>,
    /// The day and tour stop the ink was drawn on: a step clears it.
    step: Option<(NaiveDate, Option<usize>)>,
    /// Leave the ink out of the frame of this input time (a screenshot is being taken of it).
    hidden_at: Option<f64>,
}

impl Ink {
    /// The finished strokes.
    pub fn strokes(&self) -> &[InkStroke] {
        &self.strokes
    }

    /// Whether there are strokes (finished or being drawn).
    pub fn has_strokes(&self) -> bool {
        !self.strokes.is_empty() || self.current.is_some()
    }

    /// Whether the laser is held.
    pub fn laser(&self) -> bool {
        self.laser
    }

    /// Wipes strokes and the laser's trail; the tools stay as they are.
    pub fn clear(&mut self) {
        self.strokes.clear();
        self.current = None;
        self.trail.clear();
    }

    /// Clears the ink when the day or the tour stop is no longer the one it was drawn on.
    pub fn on_step(&mut self, day: NaiveDate, stop: Option<usize>) {
        let now = Some((day, stop));
        if self.step != now {
            if self.step.is_some() {
                self.clear();
            }
            self.step = now;
        }
    }

    /// The pointer over the map, in screen pixels of the map.
    pub fn pointer(&self) -> Option<[f32; 2]> {
        self.pointer
    }

    /// Puts the tools down (leaving presentation mode): pen, laser and spotlight off, the
    /// stroke under way dropped; the strokes drawn stay until the next step.
    pub fn tools_off(&mut self) {
        self.pen = false;
        self.spotlight = false;
        self.laser = false;
        self.current = None;
        self.trail.clear();
        self.pointer = None;
    }

    /// Where the pointer is over the map (screen pixels of the map), or `None` off it.
    pub fn set_pointer(&mut self, pointer: Option<[f32; 2]>) {
        self.pointer = pointer;
    }

    /// Starts a stroke at a screen point.
    pub fn begin_stroke(&mut self, p: [f32; 2], view: &InkView) {
        self.finish_stroke(view);
        self.current = Some(InkStroke { points: Vec::new() });
        self.extend_stroke(p, view);
    }

    /// Adds a screen point to the stroke being drawn.
    pub fn extend_stroke(&mut self, p: [f32; 2], view: &InkView) {
        let (Some(stroke), Some(lonlat)) = (self.current.as_mut(), view.to_lonlat(p)) else {
            return;
        };
        if stroke.points.last() != Some(&lonlat) {
            stroke.points.push(lonlat);
        }
    }

    /// Ends the stroke being drawn, simplified as it looks on screen now.
    pub fn finish_stroke(&mut self, view: &InkView) {
        if let Some(stroke) = self.current.take()
            && !stroke.points.is_empty()
        {
            self.strokes.push(simplify(stroke, view));
        }
    }

    /// Holds the laser down (or lets go) at `now`; while held, each pointer position adds to
    /// the trail.
    pub fn set_laser(&mut self, held: bool, view: &InkView, now: f64) {
        self.laser = held;
        if held
            && let Some(lonlat) = self.pointer.and_then(|p| view.to_lonlat(p))
            && self.trail.last().map(|l| l.lonlat) != Some(lonlat)
        {
            self.trail.push(LaserPoint { lonlat, time: now });
        }
        self.trail.retain(|l| now - l.time < LASER_FADE_SECONDS);
    }

    /// Leaves the ink out of the frame drawn at `now` (every pass of it).
    pub fn hide_at(&mut self, now: f64) {
        self.hidden_at = Some(now);
    }

    /// Whether the ink still changes with time alone (the laser's trail fading).
    pub fn animating(&self) -> bool {
        self.laser || !self.trail.is_empty()
    }

    /// The ink for one frame drawn at `now`, over a map of `size` pixels, to go on top of the
    /// scene: the spotlight's dimming, the strokes, the laser's trail and dot. Empty in a frame
    /// hidden by [`Self::hide_at`].
    pub fn primitives(&self, view: &InkView, size: [f32; 2], style: &Style, now: f64) -> Vec<Primitive> {
        if self.hidden_at == Some(now) {
            return Vec::new();
        }
        let mut out = Vec::new();
        if self.spotlight
            && let Some(p) = self.pointer
        {
            out.extend(spotlight(size, p, SPOTLIGHT_SHARE * size[0].min(size[1])));
        }
        out.extend(strokes_primitives(&self.strokes, view, style));
        if let Some(stroke) = &self.current {
            out.extend(stroke.primitives(view, style));
        }
        out.extend(self.laser_primitives(view, now));
        out
    }

    /// The laser: the trail as segments fading with age, thinning towards its tail, and a bright
    /// dot with a glow where the pointer is while the laser is held.
    fn laser_primitives(&self, view: &InkView, now: f64) -> Vec<Primitive> {
        let mut out = Vec::new();
        let points: Vec<([f32; 2], f64)> = self
            .trail
            .iter()
            .filter(|l| now - l.time < LASER_FADE_SECONDS)
            .filter_map(|l| view.to_screen(l.lonlat).map(|p| (p, now - l.time)))
            .collect();
        for pair in points.windows(2) {
            let fade = (1.0 - pair[1].1.max(0.0) / LASER_FADE_SECONDS).clamp(0.0, 1.0) as f32;
            out.push(Primitive::Polyline {
                points: vec![pair[0].0, pair[1].0],
                width: 2.0 + 6.0 * fade,
                color: LASER_COLOR.with_alpha((fade * 200.0) as u8),
                dash: None,
            });
        }
        if self.laser
            && let Some(p) = self.pointer
        {
            out.push(Primitive::Circle {
                center: p,
                radius: 14.0,
                fill: LASER_COLOR.with_alpha(70),
                stroke_width: 0.0,
                stroke: LASER_COLOR.with_alpha(0),
                dashed: false,
            });
            out.push(Primitive::Circle {
                center: p,
                radius: 6.0,
                fill: LASER_COLOR,
                stroke_width: 1.5,
                stroke: Rgba::rgb(255, 235, 235),
                dashed: false,
            });
        }
        out
    }
}

/// The stroke's points that matter at the scale it was drawn: Ramer–Douglas–Peucker on its
/// screen positions, keeping the original longitudes and latitudes of the points kept.
fn simplify(stroke: InkStroke, view: &InkView) -> InkStroke {
    use geo::SimplifyIdx;
    let screen: Option<Vec<geo::Coord<f64>>> = stroke
        .points
        .iter()
        .map(|&p| {
            view.to_screen(p).map(|s| geo::Coord {
                x: s[0] as f64,
                y: s[1] as f64,
            })
        })
        .collect();
    let Some(screen) = screen.filter(|s| s.len() > 2) else {
        return stroke;
    };
    let keep = geo::LineString::new(screen).simplify_idx(SIMPLIFY_PIXELS);
    InkStroke {
        points: keep.into_iter().filter_map(|i| stroke.points.get(i).copied()).collect(),
    }
}

/// A dark veil over the map with a round hole of `radius` at `center`, as one area: the frame
/// and the circle joined by a cut, so it is a single ring that fills right everywhere. The veil
/// reaches `radius` beyond the map on every side, so the hole never leaves it; the painter clips
/// it to the map.
pub fn spotlight(size: [f32; 2], center: [f32; 2], radius: f32) -> Option<Primitive> {
    const SEGMENTS: usize = 72;
    let [w, h] = size;
    if !(w > 0.0 && h > 0.0 && radius > 0.0 && center[0].is_finite() && center[1].is_finite()) {
        return None;
    }
    let margin = radius + 2.0;
    let (x0, y0, x1, y1) = (-margin, -margin, w + margin, h + margin);
    let [cx, cy] = [center[0].clamp(0.0, w), center[1].clamp(0.0, h)];
    // The frame clockwise on screen, from the cut on its top edge back to it; down the cut to
    // the top of the circle, round it the other way, and (closing the ring) up the cut again.
    let mut ring = vec![[cx, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0], [cx, y0]];
    for k in 0..=SEGMENTS {
        let a = std::f32::consts::TAU * k as f32 / SEGMENTS as f32;
        ring.push([cx - radius * a.sin(), cy - radius * a.cos()]);
    }
    Primitive::area(&ring, SPOTLIGHT_VEIL, 0.0, Rgba([0, 0, 0, 0]), false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn view() -> InkView {
        let projection = Projection::for_extent(120.0, 34.0, 130.0, 43.0);
        let mut camera = Camera::new((0.0, 0.0), 1.0, (800.0, 600.0));
        camera.fit_lonlat(&projection, (120.0, 34.0, 130.0, 43.0), (800.0, 600.0), 24.0);
        InkView::new(camera, projection)
    }

    fn style() -> Style {
        Style::atlas()
    }

    fn stroke_points(prims: &[Primitive]) -> Vec<Vec<[f32; 2]>> {
        prims
            .iter()
            .filter_map(|p| match p {
                Primitive::Polyline { points, color, .. } if *color == PEN_COLOR => Some(points.clone()),
                _ => None,
            })
            .collect()
    }

    fn close(a: [f32; 2], b: [f32; 2]) -> bool {
        (a[0] - b[0]).hypot(a[1] - b[1]) < 0.05
    }

    #[test]
    fn strokes_stay_on_the_map_when_it_moves() {
        let v = view();
        let mut ink = Ink::default();
        ink.begin_stroke([100.0, 100.0], &v);
        ink.extend_stroke([200.0, 150.0], &v);
        ink.extend_stroke([300.0, 100.0], &v);
        ink.finish_stroke(&v);
        let before = stroke_points(&ink.primitives(&v, [800.0, 600.0], &style(), 0.0));
        assert_eq!(before.len(), 1);
        assert!(close(before[0][0], [100.0, 100.0]), "{:?}", before[0][0]);
        // Pan 50 px right and 20 px down, then zoom in twice about a point.
        let mut moved = v;
        moved.camera.pan_by_pixels(50.0, 20.0);
        moved.camera.zoom_about((400.0, 300.0), 2.0);
        let after = stroke_points(&ink.primitives(&moved, [800.0, 600.0], &style(), 0.0));
        for (a, b) in before[0].iter().zip(&after[0]) {
            let expected = [400.0 + 2.0 * (a[0] + 50.0 - 400.0), 300.0 + 2.0 * (a[1] + 20.0 - 300.0)];
            assert!(close(*b, expected), "{b:?} vs {expected:?}");
        }
        // The same place under another projection: the stroke's first point is still over the
        // longitude and latitude it was drawn on.
        let start = v.to_lonlat([100.0, 100.0]).unwrap();
        let other = InkView::new(moved.camera, Projection::for_extent(100.0, 20.0, 150.0, 55.0));
        let drawn = stroke_points(&ink.primitives(&other, [800.0, 600.0], &style(), 0.0));
        assert!(close(drawn[0][0], other.to_screen(start).unwrap()));
    }

    #[test]
    fn strokes_are_simplified_below_a_pixel() {
        let v = view();
        let mut ink = Ink::default();
        // A straight line drawn with 200 points, wobbling by 0.3 px: two points are enough.
        ink.begin_stroke([100.0, 300.0], &v);
        for k in 1..=200 {
            let wobble = if k % 2 == 0 { 0.3 } else { -0.3 };
            ink.extend_stroke([100.0 + 2.0 * k as f32, 300.0 + wobble], &v);
        }
        ink.finish_stroke(&v);
        assert_eq!(ink.strokes().len(), 1);
        let kept = ink.strokes()[0].points.len();
        assert!(kept <= 4, "{kept} points kept");
        // A corner of 20 px survives.
        ink.begin_stroke([100.0, 100.0], &v);
        for k in 1..=50 {
            ink.extend_stroke([100.0 + k as f32, 100.0], &v);
        }
        for k in 1..=20 {
            ink.extend_stroke([150.0, 100.0 + k as f32], &v);
        }
        ink.finish_stroke(&v);
        let corner = &ink.strokes()[1];
        assert_eq!(corner.points.len(), 3, "{:?}", corner.points);
        assert!(close(v.to_screen(corner.points[1]).unwrap(), [150.0, 100.0]));
    }

    #[test]
    fn the_laser_trail_fades() {
        let v = view();
        let mut ink = Ink::default();
        let laser = |prims: &[Primitive]| {
            prims
                .iter()
                .filter(|p| matches!(p, Primitive::Polyline { color, .. } | Primitive::Circle { fill: color, .. } if color.0[..3] == LASER_COLOR.0[..3]))
                .count()
        };
        for k in 0..10 {
            ink.set_pointer(Some([100.0 + 10.0 * k as f32, 200.0]));
            ink.set_laser(true, &v, k as f64 * 0.02);
        }
        assert!(ink.animating());
        let held = ink.primitives(&v, [800.0, 600.0], &style(), 0.18);
        // Nine segments and the dot with its glow.
        assert_eq!(laser(&held), 9 + 2);
        let alphas: Vec<u8> = held
            .iter()
            .filter_map(|p| match p {
                Primitive::Polyline { color, .. } => Some(color.0[3]),
                _ => None,
            })
            .collect();
        assert!(
            alphas.windows(2).all(|w| w[0] <= w[1]),
            "older segments fainter: {alphas:?}"
        );
        ink.set_laser(false, &v, 0.2);
        // A quarter of a second later the oldest points have gone, the newest are fading.
        let let_go = ink.primitives(&v, [800.0, 600.0], &style(), 0.45);
        assert_eq!(laser(&let_go), 3, "the trail fades after letting go");
        ink.set_laser(false, &v, 0.6);
        assert_eq!(laser(&ink.primitives(&v, [800.0, 600.0], &style(), 0.6)), 0);
        assert!(!ink.animating());
    }

    #[test]
    fn clearing_and_stepping_wipe_the_ink() {
        let v = view();
        let day = NaiveDate::from_ymd_opt(1950, 10, 19).unwrap();
        let mut ink = Ink::default();
        ink.on_step(day, None);
        ink.pen = true;
        ink.begin_stroke([10.0, 10.0], &v);
        ink.extend_stroke([50.0, 50.0], &v);
        ink.finish_stroke(&v);
        ink.on_step(day, None);
        assert!(ink.has_strokes(), "the same day keeps the ink");
        ink.on_step(day, Some(2));
        assert!(!ink.has_strokes(), "a tour step clears it");
        ink.begin_stroke([10.0, 10.0], &v);
        ink.finish_stroke(&v);
        ink.on_step(day.succ_opt().unwrap(), Some(2));
        assert!(!ink.has_strokes(), "a new day clears it");
        ink.begin_stroke([10.0, 10.0], &v);
        ink.finish_stroke(&v);
        ink.clear();
        assert!(!ink.has_strokes());
        assert!(ink.pen, "clearing leaves the pen on");
    }

    #[test]
    fn a_hidden_frame_has_no_ink() {
        let v = view();
        let mut ink = Ink::default();
        ink.begin_stroke([10.0, 10.0], &v);
        ink.extend_stroke([50.0, 50.0], &v);
        ink.finish_stroke(&v);
        ink.hide_at(1.0);
        assert!(ink.primitives(&v, [800.0, 600.0], &style(), 1.0).is_empty());
        assert!(
            ink.primitives(&v, [800.0, 600.0], &style(), 1.0).is_empty(),
            "every pass of the frame"
        );
        assert!(!ink.primitives(&v, [800.0, 600.0], &style(), 1.02).is_empty());
    }

    fn triangles_area(ring: &[[f32; 2]], triangles: &[u32]) -> f32 {
        triangles
            .chunks(3)
            .map(|t| {
                let [a, b, c] = [ring[t[0] as usize], ring[t[1] as usize], ring[t[2] as usize]];
                ((b[0] - a[0]) * (c[1] - a[1]) - (c[0] - a[0]) * (b[1] - a[1])).abs() / 2.0
            })
            .sum()
    }

    #[test]
    fn the_spotlight_dims_all_but_a_circle() {
        for center in [[400.0, 300.0], [30.0, 40.0], [790.0, 590.0], [-50.0, 900.0]] {
            let Some(Primitive::Area {
                ring, triangles, fill, ..
            }) = spotlight([800.0, 600.0], center, 100.0)
            else {
                panic!("no area");
            };
            assert!(fill.0[3] > 0);
            // The veil is the frame, 102 px larger on each side, less the circle.
            let frame = (800.0 + 204.0) * (600.0 + 204.0);
            let expected = frame - std::f32::consts::PI * 100.0 * 100.0;
            let dimmed = triangles_area(&ring, &triangles);
            assert!(
                (dimmed - expected).abs() < 0.002 * frame,
                "{center:?}: {dimmed} vs {expected}"
            );
        }
    }
}
