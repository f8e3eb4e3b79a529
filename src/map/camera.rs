//! The camera between the world plane (km, y north; see [`super::projection`]) and the screen
//! (pixels from the viewport's top-left corner, y down). A plain affine map, so cached world-space
//! meshes move with it without being rebuilt, and the same camera drives the window and exports.

use super::projection::{Projection, lon_span, wrap_lon};
use serde::{Deserialize, Serialize};

/// Smallest zoom: the whole Earth (~36 000 km across in Equal Earth) in under 4 px.
pub const MIN_PIXELS_PER_KM: f64 = 1e-4;
/// Largest zoom: a pixel is a metre, finer than any chronicle's place positions.
pub const MAX_PIXELS_PER_KM: f64 = 1e3;
/// The centre is kept within ±this many km of the world origin (some 250 world widths), so
/// flinging the map can't run the arithmetic out to infinity.
pub const MAX_CENTER_KM: f64 = 1e7;
/// Largest viewport side (px) accepted; larger values are clamped.
pub const MAX_VIEWPORT_PX: f64 = 1e6;
/// Points sampled along each edge of a lon/lat box by [`Camera::fit_lonlat`].
const EDGE_SAMPLES: usize = 64;

/// An axis-aligned box in world km.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorldBox {
    pub min: (f64, f64),
    pub max: (f64, f64),
}

impl WorldBox {
    /// The smallest box holding the finite points, or `None` if there are none.
    pub fn from_points(points: impl IntoIterator<Item = (f64, f64)>) -> Option<WorldBox> {
        points
            .into_iter()
            .filter(|(x, y)| x.is_finite() && y.is_finite())
            .fold(None, |b: Option<WorldBox>, (x, y)| {
                Some(match b {
                    None => WorldBox {
                        min: (x, y),
                        max: (x, y),
                    },
                    Some(b) => WorldBox {
                        min: (b.min.0.min(x), b.min.1.min(y)),
                        max: (b.max.0.max(x), b.max.1.max(y)),
                    },
                })
            })
    }

    pub fn width(&self) -> f64 {
        self.max.0 - self.min.0
    }

    pub fn height(&self) -> f64 {
        self.max.1 - self.min.1
    }

    pub fn center(&self) -> (f64, f64) {
        ((self.min.0 + self.max.0) / 2.0, (self.min.1 + self.max.1) / 2.0)
    }

    pub fn contains(&self, (x, y): (f64, f64)) -> bool {
        (self.min.0..=self.max.0).contains(&x) && (self.min.1..=self.max.1).contains(&y)
    }
}

/// Where the map looks and how closely. Every setter sanitises its input (non-finite values are
/// ignored, the scale and centre clamped), so no sequence of inputs gives NaN, infinity or a zero
/// scale; deserialising goes through the same checks, so a damaged saved state can't either.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "SavedCamera")]
pub struct Camera {
    /// The world point at the viewport's centre (km).
    center: (f64, f64),
    pixels_per_km: f64,
    /// Width and height in pixels.
    viewport: (f64, f64),
}

/// The unchecked form a saved camera is read into before [`Camera::new`] sanitises it.
#[derive(Deserialize)]
#[serde(default)]
struct SavedCamera {
    center: (f64, f64),
    pixels_per_km: f64,
    viewport: (f64, f64),
}

impl Default for SavedCamera {
    fn default() -> Self {
        let Camera {
            center,
            pixels_per_km,
            viewport,
        } = Camera::default();
        SavedCamera {
            center,
            pixels_per_km,
            viewport,
        }
    }
}

impl From<SavedCamera> for Camera {
    fn from(s: SavedCamera) -> Camera {
        Camera::new(s.center, s.pixels_per_km, s.viewport)
    }
}

impl Default for Camera {
    /// Centred on the world origin at a scale that shows a whole world map in about 2000 px.
    fn default() -> Self {
        Camera {
            center: (0.0, 0.0),
            pixels_per_km: 0.05,
            viewport: (800.0, 600.0),
        }
    }
}

impl Camera {
    /// A camera with sanitised values (see the type's docs); invalid ones fall back to the default.
    pub fn new(center: (f64, f64), pixels_per_km: f64, viewport: (f64, f64)) -> Camera {
        let mut camera = Camera::default();
        camera.set_viewport(viewport);
        camera.set_pixels_per_km(pixels_per_km);
        camera.set_center(center);
        camera
    }

    pub fn center(&self) -> (f64, f64) {
        self.center
    }

    pub fn pixels_per_km(&self) -> f64 {
        self.pixels_per_km
    }

    pub fn viewport(&self) -> (f64, f64) {
        self.viewport
    }

    /// Moves the view's centre to a world point; clamped to ±[`MAX_CENTER_KM`], ignored if not finite.
    pub fn set_center(&mut self, (x, y): (f64, f64)) {
        if x.is_finite() && y.is_finite() {
            self.center = (
                x.clamp(-MAX_CENTER_KM, MAX_CENTER_KM),
                y.clamp(-MAX_CENTER_KM, MAX_CENTER_KM),
            );
        }
    }

    /// Sets the scale, clamped to the zoom limits; NaN and non-positive values are ignored.
    pub fn set_pixels_per_km(&mut self, pixels_per_km: f64) {
        if pixels_per_km > 0.0 {
            self.pixels_per_km = pixels_per_km.clamp(MIN_PIXELS_PER_KM, MAX_PIXELS_PER_KM);
        }
    }

    /// Resizes the viewport, keeping the world point at its centre (so resizing the window never
    /// shifts the map). Negative or NaN sides become 0; a zero-sized viewport is allowed.
    pub fn set_viewport(&mut self, (w, h): (f64, f64)) {
        let side = |v: f64| if v > 0.0 { v.min(MAX_VIEWPORT_PX) } else { 0.0 };
        self.viewport = (side(w), side(h));
    }

    /// World km to screen pixels.
    pub fn world_to_screen(&self, (x, y): (f64, f64)) -> (f64, f64) {
        let s = self.pixels_per_km;
        (
            (x - self.center.0) * s + self.viewport.0 / 2.0,
            self.viewport.1 / 2.0 - (y - self.center.1) * s,
        )
    }

    /// Screen pixels to world km; the exact inverse of [`world_to_screen`](Self::world_to_screen).
    pub fn screen_to_world(&self, (sx, sy): (f64, f64)) -> (f64, f64) {
        let s = self.pixels_per_km;
        (
            self.center.0 + (sx - self.viewport.0 / 2.0) / s,
            self.center.1 - (sy - self.viewport.1 / 2.0) / s,
        )
    }

    /// Drags the map by a pointer movement in pixels: the content follows the pointer.
    pub fn pan_by_pixels(&mut self, dx: f64, dy: f64) {
        let s = self.pixels_per_km;
        self.set_center((self.center.0 - dx / s, self.center.1 + dy / s));
    }

    /// Multiplies the scale by `factor` (> 1 zooms in) keeping the world point under
    /// `screen_point` (the cursor) where it is, as in every map viewer. The scale is clamped to
    /// the zoom limits first, and the cursor stays fixed even when a limit is hit. Non-finite or
    /// non-positive factors are ignored.
    pub fn zoom_about(&mut self, screen_point: (f64, f64), factor: f64) {
        if factor.is_nan() || factor <= 0.0 || !screen_point.0.is_finite() || !screen_point.1.is_finite() {
            return;
        }
        let anchor = self.screen_to_world(screen_point);
        let s = (self.pixels_per_km * factor).clamp(MIN_PIXELS_PER_KM, MAX_PIXELS_PER_KM);
        self.pixels_per_km = s;
        self.set_center((
            anchor.0 - (screen_point.0 - self.viewport.0 / 2.0) / s,
            anchor.1 + (screen_point.1 - self.viewport.1 / 2.0) / s,
        ));
    }

    /// Sets the viewport, then centres `bbox` and zooms so it fills the viewport less
    /// `margin_px` on every side. A box that is a point keeps the current scale; a viewport
    /// smaller than twice the margin fits the box into 1 px.
    pub fn fit(&mut self, bbox: WorldBox, viewport: (f64, f64), margin_px: f64) {
        self.set_viewport(viewport);
        let margin = if margin_px > 0.0 { margin_px } else { 0.0 };
        let avail = |side: f64| (side - 2.0 * margin).max(1.0);
        let scales = [
            (bbox.width() > 0.0).then(|| avail(self.viewport.0) / bbox.width()),
            (bbox.height() > 0.0).then(|| avail(self.viewport.1) / bbox.height()),
        ];
        if let Some(s) = scales.into_iter().flatten().reduce(f64::min) {
            self.set_pixels_per_km(s);
        }
        self.set_center(bbox.center());
    }

    /// Fits a lon/lat box (degrees; `west > east` crosses the antimeridian) by sampling its edges
    /// through `projection`: on a conic the parallels are arcs, so the box's corners alone would
    /// cut off the bulge of its northern edge.
    pub fn fit_lonlat(
        &mut self,
        projection: &Projection,
        (west, south, east, north): (f64, f64, f64, f64),
        viewport: (f64, f64),
        margin_px: f64,
    ) {
        let central = projection.central_meridian();
        let west_rel = wrap_lon(west, central) - central;
        let span = lon_span(west, east);
        let n = EDGE_SAMPLES;
        let lon_at = |i: usize| {
            let rel = west_rel + span * i as f64 / n as f64;
            // Past the seam the box continues on the map's other side; exactly 180 stays east.
            if rel > 180.0 { rel - 360.0 } else { rel }
        };
        let lat_at = |i: usize| south + (north - south) * i as f64 / n as f64;
        let edges = (0..=n).flat_map(|i| {
            [
                projection.forward_relative(lon_at(i), south),
                projection.forward_relative(lon_at(i), north),
                projection.forward_relative(lon_at(0), lat_at(i)),
                projection.forward_relative(lon_at(n), lat_at(i)),
            ]
        });
        if let Some(bbox) = WorldBox::from_points(edges) {
            self.fit(bbox, viewport, margin_px);
        } else {
            self.set_viewport(viewport);
        }
    }

    /// The world box currently on screen, for culling what lies outside it.
    pub fn visible_world_bbox(&self) -> WorldBox {
        let (x0, y1) = self.screen_to_world((0.0, 0.0));
        let (x1, y0) = self.screen_to_world(self.viewport);
        WorldBox {
            min: (x0, y0),
            max: (x1, y1),
        }
    }
}
